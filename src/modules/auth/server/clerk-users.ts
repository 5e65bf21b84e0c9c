import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { displayNameOf } from "@/modules/auth/display-name";
import { ensurePersonalTeam, ensurePersonalTeamInTransaction } from "@/modules/teams/server/personal-team";
import { isUniqueViolation } from "./unique-violation";

/**
 * Maps Clerk users to Ollio User rows. No webhook is needed: a Clerk user gets their row (and
 * personal team) the first time the server sees them. Plain database logic, so it is testable
 * without Clerk; `clerk-auth.ts` feeds it from Clerk's session.
 */
export type ClerkIdentity = {
  clerkId: string;
  /** Primary email address, if the Clerk user has one. */
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

export const UNVERIFIED_EMAIL = "Verify your email address in your account settings, then reload this page.";

export async function findUserIdByClerkId(clerkId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { clerkId }, select: { id: true } });
  return user?.id ?? null;
}

/**
 * The User row for a Clerk user seen for the first time: a new user with a personal team, or an
 * existing local account with the same email (so switching a deployment from local accounts to
 * Clerk keeps everyone's projects). Only a *verified* primary email does either. Safe when two
 * first requests race.
 */
export async function linkOrCreateClerkUser(identity: ClerkIdentity): Promise<string> {
  const known = await findUserIdByClerkId(identity.clerkId);
  if (known) return known;
  if (!identity.email) throw new AppError("FORBIDDEN", "Your account has no email address. Add one, then try again.");
  // Emails are the key that links accounts, so an unverified one may neither link nor create: a
  // row created from someone else's unverified address would be taken over the day its owner
  // signs up or switches on Clerk.
  if (!identity.emailVerified) throw new AppError("FORBIDDEN", UNVERIFIED_EMAIL);
  const email = identity.email.trim().toLowerCase();
  const name = identity.name?.trim() || null;

  const sameEmail = await db.user.findUnique({ where: { email }, select: { id: true, clerkId: true } });
  if (sameEmail) {
    if (sameEmail.clerkId) throw new AppError("CONFLICT", "This email address already belongs to another account.");
    // Only links a row nobody linked meanwhile; the read below settles who won.
    await db.user.updateMany({ where: { id: sameEmail.id, clerkId: null }, data: { clerkId: identity.clerkId } });
  } else {
    try {
      await db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, name, clerkId: identity.clerkId }, select: { id: true } });
        await ensurePersonalTeamInTransaction(tx, user.id, displayNameOf({ name, email }));
      });
    } catch (error) {
      // A concurrent first request created the row first; fall through and read it.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  const user = await db.user.findUnique({ where: { clerkId: identity.clerkId }, select: { id: true, name: true, email: true } });
  if (!user) throw new AppError("CONFLICT", "This email address already belongs to another account.");
  await ensurePersonalTeam(user.id, displayNameOf(user));
  return user.id;
}
