import type { MembershipRole } from "@/generated/prisma/client";

/** Who is calling: the same shape whether the user signed in locally or through Clerk. */
export type AuthContext = {
  userId: string;
  /** The team the user is acting for (their personal team unless they switched). */
  teamId: string;
  /** The user's role in that team, checked against the membership on every request. */
  role: MembershipRole;
  /**
   * The local-accounts Session row (its id, the token's hash) this request came with: where a
   * team switch is stored. Absent under Clerk, where the choice is kept on the User row.
   */
  sessionId?: string;
};
