import type { MembershipRole } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/modules/auth/server/unique-violation";
import type { ActiveMembership } from "./active-team";

/** The active Organization in a Clerk session (`auth()`'s orgId, orgRole, orgSlug). */
export type ClerkOrgClaims = { orgId: string; orgRole: string | null; orgSlug: string | null };

/**
 * Clerk Organization roles → team roles. Clerk's defaults are org:admin (manages the org in
 * Clerk, like our owner) and org:member. Custom roles named org:owner / org:manager map to OWNER /
 * ADMIN; any other role gets the least: MEMBER.
 */
const CLERK_ROLES: Record<string, MembershipRole> = {
  "org:owner": "OWNER",
  "org:admin": "OWNER",
  "org:manager": "ADMIN",
  "org:member": "MEMBER",
};

export function roleFromClerk(orgRole: string | null): MembershipRole {
  return (orgRole && CLERK_ROLES[orgRole]) || "MEMBER";
}

/**
 * The team mirroring the session's active Clerk Organization, with the user's membership in it
 * following Clerk: created on first sight (the team named after the org; `orgName` is asked only
 * then), the role updated whenever Clerk's changes. Safe when first requests race: the team is
 * unique by clerkOrgId and the membership by (team, user).
 */
export async function membershipForClerkOrg(
  userId: string,
  org: ClerkOrgClaims,
  orgName: (orgId: string) => Promise<string | null>,
): Promise<ActiveMembership> {
  const teamId = await teamForOrg(org, orgName);
  const role = roleFromClerk(org.orgRole);
  const key = { teamId_userId: { teamId, userId } };
  const existing = await db.membership.findUnique({ where: key, select: { role: true } });
  if (existing?.role === role) return { teamId, role };
  if (existing) await db.membership.update({ where: key, data: { role } });
  else await db.membership.createMany({ data: [{ teamId, userId, role }], skipDuplicates: true });
  return { teamId, role };
}

async function teamForOrg(org: ClerkOrgClaims, orgName: (orgId: string) => Promise<string | null>): Promise<string> {
  const known = await db.team.findUnique({ where: { clerkOrgId: org.orgId }, select: { id: true } });
  if (known) return known.id;
  const name = ((await orgName(org.orgId).catch(() => null)) ?? org.orgSlug ?? "Organization").trim().slice(0, 100) || "Organization";
  try {
    const team = await db.team.create({ data: { name, clerkOrgId: org.orgId, personal: false }, select: { id: true } });
    return team.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await db.team.findUniqueOrThrow({ where: { clerkOrgId: org.orgId }, select: { id: true } })).id;
  }
}
