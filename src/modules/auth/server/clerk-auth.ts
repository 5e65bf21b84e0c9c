import "server-only";
import { auth, clerkClient, currentUser } from "@clerk/nextjs/server";
import type { AuthContext } from "./auth-context";
import { authFromClerkSession, type ClerkBackend } from "./clerk-session";

/**
 * AuthContext from Clerk's session (needs clerkMiddleware in src/proxy.ts to have run). Clerk's
 * Backend API (rate-limited) is called only the first time a Clerk user or organization is seen.
 */
export async function authFromClerk(): Promise<AuthContext | null> {
  const { userId, orgId, orgRole, orgSlug } = await auth();
  return authFromClerkSession({ userId, orgId, orgRole, orgSlug }, clerkBackend);
}

const clerkBackend: ClerkBackend = {
  async identity(clerkId) {
    const profile = await currentUser();
    if (!profile || profile.id !== clerkId) return null;
    const primaryEmail = profile.primaryEmailAddress;
    return {
      clerkId,
      email: primaryEmail?.emailAddress ?? null,
      emailVerified: primaryEmail?.verification?.status === "verified",
      name: profile.fullName ?? profile.username,
    };
  },
  async organizationName(orgId) {
    const organization = await (await clerkClient()).organizations.getOrganization({ organizationId: orgId });
    return organization.name;
  },
};
