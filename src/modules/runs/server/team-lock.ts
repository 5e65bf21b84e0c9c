import type { Plan, Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Locks the team's row for the rest of the transaction and returns its plan. Checks that count
 * a team's rows before adding one (queued runs, projects) hold it, so two concurrent requests
 * cannot both see room for one more. NO KEY UPDATE: inserts referencing the team still proceed.
 */
export async function lockTeamPlan(tx: Prisma.TransactionClient, teamId: string): Promise<Plan> {
  const [team] = await tx.$queryRaw<{ plan: Plan }[]>`SELECT "plan" FROM "Team" WHERE "id" = ${teamId} FOR NO KEY UPDATE`;
  if (!team) throw new AppError("NOT_FOUND", "Team not found.");
  return team.plan;
}
