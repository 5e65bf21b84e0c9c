import { randomBytes } from "node:crypto";
import type { ClerkBackend, ClerkSessionClaims } from "@/modules/auth/server/clerk-session";
import type { ClerkIdentity } from "@/modules/auth/server/clerk-users";

/**
 * A TEST DOUBLE for Clerk: the users and Organizations it knows, the sessions it would issue
 * (claims as `auth()` returns them) and its Backend API, counting calls. Like Clerk, it only
 * issues a session with an active org the user belongs to.
 */
export function createClerkTestDouble() {
  const users = new Map<string, ClerkIdentity>();
  const orgs = new Map<string, { name: string; slug: string; members: Map<string, string> }>();
  const calls = { identity: 0, organizationName: 0 };

  const backend: ClerkBackend = {
    async identity(clerkId) {
      calls.identity += 1;
      return users.get(clerkId) ?? null;
    },
    async organizationName(orgId) {
      calls.organizationName += 1;
      return orgs.get(orgId)?.name ?? null;
    },
  };

  return {
    backend,
    calls,
    addUser(name: string): string {
      const clerkId = `user_${randomBytes(6).toString("hex")}`;
      users.set(clerkId, { clerkId, email: `${clerkId}@clerk.example`, emailVerified: true, name });
      return clerkId;
    },
    addOrg(name: string): string {
      const orgId = `org_${randomBytes(6).toString("hex")}`;
      orgs.set(orgId, { name, slug: name.toLowerCase().replace(/\W+/g, "-"), members: new Map() });
      return orgId;
    },
    setMember(orgId: string, clerkId: string, role: string | null) {
      const org = orgs.get(orgId)!;
      if (role) org.members.set(clerkId, role);
      else org.members.delete(clerkId);
    },
    /** The claims of a session for `clerkId`, with `activeOrgId` active if given. */
    session(clerkId: string, activeOrgId?: string): ClerkSessionClaims {
      if (!activeOrgId) return { userId: clerkId, orgId: null, orgRole: null, orgSlug: null };
      const org = orgs.get(activeOrgId);
      const role = org?.members.get(clerkId);
      if (!org || !role) throw new Error(`Clerk would not activate ${activeOrgId} for a non-member`);
      return { userId: clerkId, orgId: activeOrgId, orgRole: role, orgSlug: org.slug };
    },
  };
}
