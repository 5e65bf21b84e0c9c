import { isRunActive } from "./types";

/**
 * How often to poll while a run is QUEUED/RUNNING; never when idle. Briskly while the run is
 * young — a quick generation (a small page, a fast local model) then appears within ~100 ms of
 * finishing — and once a second for long ones, where a second of delay does not matter. Each poll
 * is one small indexed query (runs.poll).
 */
const TIERS = [
  { untilAgeMs: 3_000, everyMs: 100 },
  { untilAgeMs: 15_000, everyMs: 300 },
] as const;
export const SLOW_POLL_MS = 1000;

type PolledRun = { id: string; status: string; queuedAt?: Date | string | null };

/**
 * `firstSeenAt`: when this browser first saw the run. The run's age is the larger of that and
 * the server's queuedAt, so a browser clock running behind the server's cannot keep it "young".
 */
export function runPollInterval(run: PolledRun | null | undefined, firstSeenAt: number, now = Date.now()): number | false {
  if (!run || !isRunActive(run.status)) return false;
  const serverAge = run.queuedAt ? now - new Date(run.queuedAt).getTime() : 0;
  const age = Math.max(now - firstSeenAt, serverAge);
  return TIERS.find((tier) => age < tier.untilAgeMs)?.everyMs ?? SLOW_POLL_MS;
}
