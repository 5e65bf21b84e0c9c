import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { Plan } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { providers } from "@/lib/providers";
import { sessionTokenFrom } from "@/modules/auth/session-cookie";
import type { AuthContext } from "./auth-context";
import { authFromSessionToken } from "./sessions";

/** Lower level, outside Next's request scope (tests, scripts): the AuthContext of a session token. */
export { authFromSessionToken };

/**
 * Who is making this request, the same shape for local accounts and Clerk, or null when signed
 * out. Deduplicated per request by React's cache (the header, the page and tRPC all ask).
 */
export const getCurrentAuth = cache(async (): Promise<AuthContext | null> => {
  if (providers.auth === "clerk") {
    // Loaded only when Clerk is configured, so local mode never touches Clerk's SDK.
    const { authFromClerk } = await import("./clerk-auth");
    return authFromClerk();
  }
  const token = sessionTokenFrom(await cookies());
  return authFromSessionToken(token);
});

export type CurrentUser = {
  id: string;
  email: string;
  name: string | null;
  /** The active team (see activeMembershipFor). */
  team: { id: string; name: string; plan: Plan };
};

/** The signed-in user and their active team, for the header; null when signed out. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const auth = await getCurrentAuth();
  if (!auth) return null;
  const [user, team] = await Promise.all([
    db.user.findUnique({ where: { id: auth.userId }, select: { id: true, email: true, name: true } }),
    db.team.findUnique({ where: { id: auth.teamId }, select: { id: true, name: true, plan: true } }),
  ]);
  if (!user || !team) return null;
  return { ...user, team };
});
