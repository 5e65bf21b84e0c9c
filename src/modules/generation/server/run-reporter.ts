import type { Db } from "@/lib/db/client";
import { heartbeatRun } from "@/modules/runs/server/lease";
import { appendProgress, progressEntry, type ProgressEntry, type ProgressKind } from "@/modules/runs/server/progress";

/**
 * Keeps one attempt's hold on its run visible: a heartbeat every `heartbeatMs` and progress
 * entries written in order as they happen. When a write finds the run no longer RUNNING under
 * this attempt (the sweeper took it back, or it was cancelled), `signal` aborts and the work stops.
 */
export function startRunReporter(db: Db, runId: string, attempt: number, heartbeatMs: number) {
  const controller = new AbortController();
  const pending: ProgressEntry[] = [];
  let writes: Promise<void> = Promise.resolve();

  const settle = (held: boolean) => {
    if (!held) controller.abort();
  };
  const logged = (error: unknown) => console.error(`[generation] run ${runId} bookkeeping failed:`, error);

  const flush = () => {
    writes = writes
      .then(async () => {
        if (pending.length === 0 || controller.signal.aborted) return;
        settle(await appendProgress(db, runId, attempt, pending.splice(0)));
      })
      .catch(logged);
    return writes;
  };

  const timer = setInterval(() => {
    if (!controller.signal.aborted) heartbeatRun(db, runId, attempt).then(settle, logged);
  }, heartbeatMs);

  return {
    signal: controller.signal,
    report(kind: ProgressKind, detail: string) {
      pending.push(progressEntry(kind, detail));
      void flush();
    },
    /** Waits until every reported entry is written. */
    flush,
    stop() {
      clearInterval(timer);
    },
  };
}

export type RunReporter = ReturnType<typeof startRunReporter>;
