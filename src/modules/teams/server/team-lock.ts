import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";

export const TEAM_NOT_FOUND = "Team not found.";

/**
 * Locks the team row for the rest of the transaction. Every change to who is in a team (role
 * changes, removals, leaving, invitations, accepting) takes this lock first, so seat counts and
 * the last-owner rule are checked against a membership nobody else is changing at that moment.
 */
export async function lockTeam(tx: Prisma.TransactionClient, teamId: string) {
  const [team] = await tx.$queryRaw<{ id: string; name: string; plan: "FREE" | "PRO" | "TEAM"; personal: boolean }[]>`
    SELECT "id", "name", "plan", "personal" FROM "Team" WHERE "id" = ${teamId} FOR UPDATE`;
  if (!team) throw new AppError("NOT_FOUND", TEAM_NOT_FOUND);
  return team;
}
