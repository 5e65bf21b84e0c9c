import type { Db } from "@/lib/db/client";
import type { RunStatus } from "@/generated/prisma/client";
import { DEFAULT_STALE_RUNNING_MS, MAX_RUN_ATTEMPTS } from "./run-policy";

export type ClaimedRun = {
  id: string;
  attempt: number;
  projectId: string;
  teamId: string;
  userMessageId: string;
  /** When its first attempt started: the run's wall-clock limit counts from here. */
  startedAt: Date;
};

export type ClaimResult =
  | { kind: "claimed"; run: ClaimedRun }
  /** Someone else is working on it, or it already ended: this job has nothing to do. */
  | { kind: "not-claimable"; status: RunStatus | null }
  /** It may run, but every attempt has been used up: the caller fails it. */
  | { kind: "exhausted"; attempt: number };

/**
 * Takes a run for one attempt: QUEUED → RUNNING with attempt + 1. A RUNNING run whose heartbeat
 * stopped (its worker died) may be taken over. The row lock makes two jobs for the same run (a
 * retry racing a sweeper re-dispatch) claim it at most once; the attempt number is the fencing
 * token every later write of this attempt is conditioned on.
 */
export async function claimRun(
  db: Db,
  runId: string,
  { staleAfterMs = DEFAULT_STALE_RUNNING_MS, maxAttempts = MAX_RUN_ATTEMPTS, now = new Date() } = {},
): Promise<ClaimResult> {
  return db.$transaction(async (tx) => {
    const [run] = await tx.$queryRaw<{ status: RunStatus; attempt: number; heartbeatAt: Date | null; startedAt: Date | null }[]>`
      SELECT "status", "attempt", "heartbeatAt", "startedAt" FROM "Run" WHERE "id" = ${runId} FOR UPDATE`;
    if (!run) return { kind: "not-claimable", status: null };
    const stale = run.status === "RUNNING" && (!run.heartbeatAt || run.heartbeatAt.getTime() < now.getTime() - staleAfterMs);
    if (run.status !== "QUEUED" && !stale) return { kind: "not-claimable", status: run.status };
    if (run.attempt >= maxAttempts) return { kind: "exhausted", attempt: run.attempt };

    const claimed = await tx.run.update({
      where: { id: runId },
      data: { status: "RUNNING", attempt: { increment: 1 }, startedAt: run.startedAt ?? now, heartbeatAt: now, error: null },
      select: { id: true, attempt: true, projectId: true, teamId: true, userMessageId: true, startedAt: true },
    });
    return { kind: "claimed", run: { ...claimed, startedAt: claimed.startedAt ?? now } };
  });
}
