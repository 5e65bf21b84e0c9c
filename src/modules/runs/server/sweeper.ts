import type { Db } from "@/lib/db/client";
import type { JobsPort } from "@/modules/jobs/server/port";
import { failRun } from "./fail-run";
import { DEFAULT_STALE_RUNNING_MS, MAX_RUN_ATTEMPTS } from "./run-policy";

export type SweepOptions = {
  jobs: Pick<JobsPort, "dispatchGenerate">;
  /** RUNNING with no heartbeat for this long: its worker is gone. */
  staleRunningMs?: number;
  /** QUEUED and untouched for this long: its job was probably lost, dispatch it again. */
  staleQueuedMs?: number;
  /** QUEUED for this long in total: stop trying and fail it. */
  giveUpQueuedMs?: number;
  maxAttempts?: number;
  now?: Date;
  batchSize?: number;
};

export type SweepResult = { requeued: string[]; redispatched: string[]; failed: string[] };

/**
 * Ends or revives runs whose worker stopped reporting. A stale RUNNING run goes back to the queue
 * (with a new job) while it has attempts left, else it FAILS with a refund; a QUEUED run nobody
 * picked up gets its job again, and after `giveUpQueuedMs` fails. Every change is a guarded
 * update, so sweepers in several processes, or a worker that wakes up late, cannot double it.
 */
export async function sweepRuns(db: Db, options: SweepOptions): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const staleRunningBefore = new Date(now.getTime() - (options.staleRunningMs ?? DEFAULT_STALE_RUNNING_MS));
  const staleQueuedBefore = new Date(now.getTime() - (options.staleQueuedMs ?? 5 * 60_000));
  const giveUpBefore = new Date(now.getTime() - (options.giveUpQueuedMs ?? 30 * 60_000));
  const maxAttempts = options.maxAttempts ?? MAX_RUN_ATTEMPTS;
  const take = options.batchSize ?? 100;
  const result: SweepResult = { requeued: [], redispatched: [], failed: [] };

  const stalled = await db.run.findMany({
    where: { status: "RUNNING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleRunningBefore } }] },
    select: { id: true, teamId: true, attempt: true },
    take,
  });
  for (const run of stalled) {
    if (run.attempt < maxAttempts) {
      const { count } = await db.run.updateMany({
        where: { id: run.id, status: "RUNNING", attempt: run.attempt, OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleRunningBefore } }] },
        data: { status: "QUEUED", heartbeatAt: null },
      });
      if (count === 1 && (await redispatch(db, options, run))) result.requeued.push(run.id);
    } else {
      const reason = "The generation stopped responding and was given up.";
      if ((await failRun(db, run.id, reason, { heartbeatBefore: staleRunningBefore })).failed) result.failed.push(run.id);
    }
  }

  const waiting = await db.run.findMany({
    where: { status: "QUEUED", updatedAt: { lt: staleQueuedBefore } },
    select: { id: true, teamId: true, queuedAt: true },
    take,
  });
  for (const run of waiting) {
    if (run.queuedAt < giveUpBefore) {
      const reason = "The generation could not be started. Please try again.";
      if ((await failRun(db, run.id, reason, { queuedOnly: true })).failed) result.failed.push(run.id);
      continue;
    }
    // Touching updatedAt marks this sweep's re-dispatch; the next one waits staleQueuedMs again.
    const { count } = await db.run.updateMany({
      where: { id: run.id, status: "QUEUED", updatedAt: { lt: staleQueuedBefore } },
      data: { updatedAt: now },
    });
    if (count === 1 && (await redispatch(db, options, run))) result.redispatched.push(run.id);
  }
  return result;
}

async function redispatch(db: Db, options: SweepOptions, run: { id: string; teamId: string }): Promise<boolean> {
  try {
    await options.jobs.dispatchGenerate({ runId: run.id, teamId: run.teamId });
    return true;
  } catch (error) {
    // Left QUEUED: the next sweep tries again, and gives up after giveUpQueuedMs.
    console.error(`[runs] sweeper could not re-dispatch run ${run.id}:`, error);
    return false;
  }
}

export type RunSweeper = { stop(): void };

/** Sweeps every `intervalMs` (never two sweeps at once in this process) until stopped. */
export function startRunSweeper(db: Db, options: Omit<SweepOptions, "now"> & { intervalMs?: number }): RunSweeper {
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepRuns(db, options)
      .then(logSweep)
      .catch((error) => console.error("[runs] sweep failed:", error))
      .finally(() => {
        sweeping = false;
      });
  }, options.intervalMs ?? 15_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * One line per run the sweeper changed: with several app processes each sweeping, the logs say
 * which process recovered or failed which run (and that no run was acted on twice).
 */
export function logSweep(result: SweepResult): void {
  for (const id of result.requeued) console.log(`[runs] sweeper re-queued run ${id} (its worker stopped reporting)`);
  for (const id of result.redispatched) console.log(`[runs] sweeper re-dispatched run ${id} (its job was not picked up)`);
  for (const id of result.failed) console.log(`[runs] sweeper failed run ${id}`);
}
