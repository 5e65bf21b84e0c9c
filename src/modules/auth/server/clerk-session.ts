import { db } from "@/lib/db/client";
import { activeMembershipFor } from "@/modules/teams/server/active-team";
import { membershipForClerkOrg } from "@/modules/teams/server/clerk-organizations";
import type { AuthContext } from "./auth-context";
import { findUserIdByClerkId, linkOrCreateClerkUser, type ClerkIdentity } from "./clerk-users";

/** What Ollio reads from a Clerk session: `auth()`'s claims. */
export type ClerkSessionClaims = { userId: string | null; orgId?: string | null; orgRole?: string | null; orgSlug?: string | null };

/** The two Backend API calls Ollio makes, each only the first time it sees a user or an organization. */
export type ClerkBackend = {
  identity(clerkId: string): Promise<ClerkIdentity | null>;
  organizationName(orgId: string): Promise<string | null>;
};

/**
 * AuthContext from a Clerk session. With an active Organization the team is the one mirroring it
 * and the role follows the org role; without one (Organizations not enabled, or the personal
 * account selected) the user acts as in local mode: their own teams, personal team first.
 */
export async function authFromClerkSession(session: ClerkSessionClaims, clerk: ClerkBackend): Promise<AuthContext | null> {
  const clerkId = session.userId;
  if (!clerkId) return null;
  const userId = (await findUserIdByClerkId(clerkId)) ?? (await linkFromProfile(clerkId, clerk));
  if (!userId) return null;
  if (session.orgId) {
    const org = { orgId: session.orgId, orgRole: session.orgRole ?? null, orgSlug: session.orgSlug ?? null };
    return { userId, ...(await membershipForClerkOrg(userId, org, clerk.organizationName)) };
  }
  // Clerk's sessions are not rows of ours, so the team choice is kept per user.
  const user = await db.user.findUnique({ where: { id: userId }, select: { activeTeamId: true } });
  return { userId, ...(await activeMembershipFor(userId, user?.activeTeamId)) };
}

async function linkFromProfile(clerkId: string, clerk: ClerkBackend): Promise<string | null> {
  const identity = await clerk.identity(clerkId);
  return identity ? linkOrCreateClerkUser(identity) : null;
}
