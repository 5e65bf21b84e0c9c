import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { refundCredit } from "@/modules/credits/server/settle";
import { assertCanOwnOrAny } from "@/modules/teams/server/permissions";
import { ACTIVE_RUN_STATUSES } from "./run-policy";

/**
 * Stops a QUEUED or RUNNING run: CANCELLED with the credit back, in one transaction. A worker
 * still on it notices at its next heartbeat or progress write (they match only RUNNING runs)
 * and stops without saving anything.
 */
export async function cancelRun(db: Db, auth: AuthContext, runId: string) {
  return db.$transaction(async (tx) => {
    const run = await tx.run.findFirst({ where: { id: runId, teamId: auth.teamId }, select: { projectId: true, createdById: true } });
    if (!run) throw new AppError("NOT_FOUND", "Run not found.");
    assertCanOwnOrAny(auth.role, run.createdById === auth.userId, "runs.cancelOwn", "runs.cancelAny");
    const { count } = await tx.run.updateMany({
      where: { id: runId, status: { in: ACTIVE_RUN_STATUSES } },
      data: { status: "CANCELLED", error: "Cancelled.", finishedAt: new Date(), heartbeatAt: null },
    });
    if (count === 0) throw new AppError("CONFLICT", "This generation has already finished.");
    const refunded = await refundCredit(tx, runId);
    await tx.message.create({
      data: {
        projectId: run.projectId,
        role: "ASSISTANT",
        kind: "ERROR",
        content: refunded ? "Generation cancelled. Your credit was returned." : "Generation cancelled.",
      },
    });
    return { id: runId, status: "CANCELLED" as const };
  });
}
