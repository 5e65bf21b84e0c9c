import type { Db } from "@/lib/db/client";

/**
 * Writes a worker makes while it holds a run, each conditioned on (RUNNING, its attempt): once the
 * sweeper has re-queued or failed the run, a late worker's writes match nothing and it stops.
 */
export async function heartbeatRun(db: Db, runId: string, attempt: number, now = new Date()): Promise<boolean> {
  const { count } = await db.run.updateMany({
    where: { id: runId, status: "RUNNING", attempt },
    data: { heartbeatAt: now },
  });
  return count === 1;
}

/** Hands the run back to the queue after a failed attempt that will be retried. */
export async function releaseRun(db: Db, runId: string, attempt: number): Promise<boolean> {
  const { count } = await db.run.updateMany({
    where: { id: runId, status: "RUNNING", attempt },
    data: { status: "QUEUED", heartbeatAt: null },
  });
  return count === 1;
}
