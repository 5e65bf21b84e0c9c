import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { displayNameOf } from "@/modules/auth/display-name";
import { signInInputSchema, signUpInputSchema } from "@/modules/auth/schemas";
import { ensurePersonalTeam, ensurePersonalTeamInTransaction } from "@/modules/teams/server/personal-team";
import { assertStrongPassword } from "./password-strength";
import { hashPassword, verifyPassword, verifyPasswordOfNoAccount } from "./password";
import { createSession, type NewSession } from "./sessions";
import { reserveSignInAttempt } from "./sign-in-rate-limit";
import { reserveSignUpAttempt } from "./sign-up-rate-limit";
import { isUniqueViolation } from "./unique-violation";

/**
 * Sign-up and sign-in for local accounts (no Clerk keys). They return a new session; setting
 * it as a cookie is the caller's job (see actions.ts), so these run in tests and scripts too.
 */
export const INCORRECT_CREDENTIALS = "Incorrect email or password.";
export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

export type RequestDetails = { clientAddress?: string | null; userAgent?: string | null };
export type SignedIn = { userId: string; session: NewSession };

/** Creates the user, their personal team and OWNER membership in one transaction, then a session. */
export async function signUp(input: unknown, details: RequestDetails = {}): Promise<SignedIn> {
  const { email, password, name } = parseInput(signUpInputSchema, input);
  // Counted before any password work, so floods of sign-ups cannot make the server hash without bound.
  const attempt = await reserveSignUpAttempt(details.clientAddress);
  // A refused password costs no hash, so it does not use up the sign-up allowance either.
  await assertStrongPassword(password, [email, name]).catch(async (error: unknown) => {
    await attempt.release();
    throw error;
  });
  // Hash before the transaction: ~100 ms of scrypt should not hold a database connection.
  const passwordHash = await hashPassword(password);
  let userId: string;
  try {
    userId = await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash }, select: { id: true } });
      await ensurePersonalTeamInTransaction(tx, user.id, displayNameOf({ name, email }));
      return user.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", EMAIL_TAKEN);
    throw error;
  }
  return { userId, session: await createSession(userId, details) };
}

/**
 * Checks the password and opens a session. An unknown email and a wrong password fail alike, in
 * message and in time, and both count against the rate limit.
 */
export async function signIn(input: unknown, details: RequestDetails = {}): Promise<SignedIn> {
  const { email, password } = parseInput(signInInputSchema, input);
  // On record (as a failure) before the password is checked: parallel guesses cannot all run.
  const attempt = await reserveSignInAttempt({ email, clientAddress: details.clientAddress });

  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true } });
  // Users created through Clerk have no password and cannot sign in locally.
  const passwordMatches = await (user?.passwordHash
    ? verifyPassword(password, user.passwordHash)
    : verifyPasswordOfNoAccount(password)
  ).catch(async (error: unknown) => {
    // Not checked (e.g. the server was too busy to hash): not a guess either.
    await attempt.release();
    throw error;
  });
  if (!user || !passwordMatches) throw new AppError("UNAUTHORIZED", INCORRECT_CREDENTIALS);
  await attempt.succeeded();

  await ensurePersonalTeam(user.id, displayNameOf(user));
  return { userId: user.id, session: await createSession(user.id, details) };
}

function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "Check the form and try again.");
  return parsed.data;
}
