import "server-only";
import { auth, currentUser } from "@clerk/nextjs/server";
import { db } from "@/lib/db/client";
import { activeMembershipFor } from "@/modules/teams/server/active-team";
import type { AuthContext } from "./auth-context";
import { findUserIdByClerkId, linkOrCreateClerkUser } from "./clerk-users";

/**
 * AuthContext from Clerk's session (needs clerkMiddleware in src/proxy.ts to have run). Clerk's
 * Backend API (`currentUser()`, rate-limited) is called only the first time a Clerk user is seen.
 */
export async function authFromClerk(): Promise<AuthContext | null> {
  const { userId: clerkId } = await auth();
  if (!clerkId) return null;

  const userId = (await findUserIdByClerkId(clerkId)) ?? (await linkFromClerkProfile(clerkId));
  if (!userId) return null;
  // Clerk's sessions are not rows of ours, so the team choice is kept per user.
  const user = await db.user.findUnique({ where: { id: userId }, select: { activeTeamId: true } });
  return { userId, ...(await activeMembershipFor(userId, user?.activeTeamId)) };
}

async function linkFromClerkProfile(clerkId: string): Promise<string | null> {
  const profile = await currentUser();
  if (!profile || profile.id !== clerkId) return null;
  const primaryEmail = profile.primaryEmailAddress;
  return linkOrCreateClerkUser({
    clerkId,
    email: primaryEmail?.emailAddress ?? null,
    emailVerified: primaryEmail?.verification?.status === "verified",
    name: profile.fullName ?? profile.username,
  });
}
