import { GenerationError } from "./agent/errors";

export type AttemptDeadline = {
  /** Aborts when the attempt's time is up; the agent stops as it does when the run is lost. */
  signal: AbortSignal;
  /** The failure to record once `signal` has aborted. */
  error(): GenerationError;
  clear(): void;
};

/**
 * The wall-clock bound of one attempt: its own limit, or what is left of the run's, whichever
 * ends first. The run's clock starts at its first claim, so waiting in the queue for a worker (or
 * for the team's fair share) before that never counts against it; retries' waits do. Exceeding either fails the
 * run without a retry — another attempt would be stopped the same way.
 */
export function startAttemptDeadline(
  { attemptTimeoutMs, runTimeoutMs }: { attemptTimeoutMs: number; runTimeoutMs: number },
  runStartedAt: Date,
  now = Date.now(),
): AttemptDeadline {
  const runLeftMs = runStartedAt.getTime() + runTimeoutMs - now;
  const byRun = runLeftMs < attemptTimeoutMs;
  const error = () =>
    new GenerationError(
      byRun
        ? `The generation was stopped: it ran longer than the ${duration(runTimeoutMs)} a generation may take across its attempts.`
        : `The generation was stopped: this attempt ran longer than its limit of ${duration(attemptTimeoutMs)}.`,
      false,
    );
  const controller = new AbortController();
  const leftMs = Math.min(runLeftMs, attemptTimeoutMs);
  if (leftMs <= 0) controller.abort();
  const timer = setTimeout(() => controller.abort(), Math.max(0, leftMs));
  return { signal: controller.signal, error, clear: () => clearTimeout(timer) };
}

function duration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? "" : "s"}`;
  return `${Math.round(ms / 100) / 10} seconds`;
}
