import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { refundCredit } from "@/modules/credits/server/settle";
import { ACTIVE_RUN_STATUSES } from "./run-policy";

/**
 * Which run state a caller expects to end. A worker passes its attempt (so it cannot fail a run
 * another attempt has taken over); the sweeper and failure handlers pass a staleness cut-off.
 */
export type FailGuard = { attempt: number } | { heartbeatBefore: Date } | { queuedOnly: true } | null;

export type FailResult = { failed: boolean; refunded: boolean };

/**
 * Ends a run as FAILED with a readable reason: the run row, an ASSISTANT message of kind ERROR
 * and the refund all commit together. Calling it again (retries, a failure handler running
 * twice, the sweeper) changes nothing: the status transition happens once and the refund is
 * exactly-once by the ledger's (runId, kind) unique.
 */
export async function failRun(db: Db, runId: string, reason: string, guard: FailGuard = null): Promise<FailResult> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: runId, ...guardWhere(guard) },
      data: { status: "FAILED", error: reason, finishedAt: new Date(), heartbeatAt: null },
    });
    const run = await tx.run.findUnique({ where: { id: runId }, select: { status: true, projectId: true } });
    if (!run) return { failed: false, refunded: false };
    const ended = run.status === "FAILED" || run.status === "CANCELLED";
    const refunded = ended ? await refundCredit(tx, runId) : false;
    if (count === 1) {
      const content = refunded ? `${reason} Your credit was returned.` : reason;
      await tx.message.create({ data: { projectId: run.projectId, role: "ASSISTANT", kind: "ERROR", content } });
    }
    return { failed: count === 1, refunded };
  });
}

function guardWhere(guard: FailGuard): Prisma.RunWhereInput {
  if (guard === null) return { status: { in: ACTIVE_RUN_STATUSES } };
  if ("attempt" in guard) return { status: "RUNNING", attempt: guard.attempt };
  if ("heartbeatBefore" in guard) {
    return {
      OR: [{ status: "QUEUED" }, { status: "RUNNING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: guard.heartbeatBefore } }] }],
    };
  }
  return { status: "QUEUED" };
}
