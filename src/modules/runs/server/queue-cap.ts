import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { PLANS } from "@/modules/credits/server/plans";
import { ACTIVE_RUN_STATUSES } from "./run-policy";
import { lockTeamPlan } from "./team-lock";

/**
 * Refuses a new run while the team already has PLANS[plan].maxQueuedRuns waiting or running, so
 * one team cannot pile up an unbounded backlog (each run still waits its turn for a worker).
 * Inside the prompt's transaction, before the credit is taken: a refusal costs nothing.
 */
export async function assertTeamMayQueueRun(tx: Prisma.TransactionClient, teamId: string): Promise<void> {
  const plan = await lockTeamPlan(tx, teamId);
  const { maxQueuedRuns, label } = PLANS[plan];
  const active = await tx.run.count({ where: { teamId, status: { in: ACTIVE_RUN_STATUSES } } });
  if (active >= maxQueuedRuns) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Your team already has ${active} generations waiting or running, the most the ${label} plan allows at once. Wait for one to finish, then send your prompt again. No credit was used.`,
    );
  }
}
