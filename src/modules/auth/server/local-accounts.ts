import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { displayNameOf } from "@/modules/auth/display-name";
import { changePasswordInputSchema, signInInputSchema, signUpInputSchema } from "@/modules/auth/schemas";
import { ensurePersonalTeam, ensurePersonalTeamInTransaction } from "@/modules/teams/server/personal-team";
import { assertStrongPassword, WeakPasswordError } from "./password-strength";
import { hashPassword, verifyPassword, verifyPasswordOfNoAccount } from "./password";
import { createSession, hashSessionToken, SESSION_IDLE_TIMEOUT_MS, type NewSession } from "./sessions";
import { reserveSignInAttempt } from "./sign-in-rate-limit";
import { reserveSignUpAttempt } from "./sign-up-rate-limit";
import { isUniqueViolation } from "./unique-violation";

/**
 * Sign-up and sign-in for local accounts (no Clerk keys). They return a new session; setting
 * it as a cookie is the caller's job (see actions.ts), so these run in tests and scripts too.
 */
export const INCORRECT_CREDENTIALS = "Incorrect email or password.";
export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";
export const WRONG_CURRENT_PASSWORD = "That is not your current password.";
export const NO_PASSWORD_TO_CHANGE = "This account has no password here: it signs in through Clerk.";

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

/**
 * Changes a signed-in user's password. The current password is required (a stolen session alone
 * cannot lock the owner out) and its guesses count against the sign-in limit like any other.
 * Every other session of the user ends; the one making the change (`keepSessionToken`) stays.
 */
export async function changePassword(
  userId: string,
  input: unknown,
  details: RequestDetails & { keepSessionToken?: string | null } = {},
): Promise<{ endedSessions: number }> {
  const { currentPassword, newPassword } = parseInput(changePasswordInputSchema, input);
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
  if (!user.passwordHash) throw new AppError("FORBIDDEN", NO_PASSWORD_TO_CHANGE);

  const attempt = await reserveSignInAttempt({ email: user.email, clientAddress: details.clientAddress });
  const matches = await verifyPassword(currentPassword, user.passwordHash).catch(async (error: unknown) => {
    await attempt.release();
    throw error;
  });
  if (!matches) throw new AppError("UNAUTHORIZED", WRONG_CURRENT_PASSWORD);
  await attempt.succeeded();

  if (newPassword.normalize("NFKC") === currentPassword.normalize("NFKC")) {
    throw new WeakPasswordError("Choose a password different from your current one.");
  }
  await assertStrongPassword(newPassword, [user.email, user.name]);
  const passwordHash = await hashPassword(newPassword);

  const keep = details.keepSessionToken ? hashSessionToken(details.keepSessionToken) : null;
  return db.$transaction(async (tx) => {
    // Only over the hash that was verified, so of two concurrent changes exactly one wins.
    const { count } = await tx.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (count === 0) throw new AppError("CONFLICT", "Your password was just changed elsewhere. Sign in again to change it.");
    const ended = await tx.session.updateMany({
      where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
      data: { revokedAt: new Date() },
    });
    return { endedSessions: ended.count };
  });
}

function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "Check the form and try again.");
  return parsed.data;
}

/** What the account page shows about a local account: whether it has a password, and its live sessions. */
export async function accountSecurity(userId: string): Promise<{ hasPassword: boolean; liveSessions: number }> {
  const now = Date.now();
  const [user, liveSessions] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
    db.session.count({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - SESSION_IDLE_TIMEOUT_MS) } },
    }),
  ]);
  return { hasPassword: Boolean(user?.passwordHash), liveSessions };
}
