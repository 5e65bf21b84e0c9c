/** Command limits both adapters apply the same way, so the agent meets one behaviour. */

/** Wall-clock limit when the caller gives none (E2B's own default too). */
export const COMMAND_TIMEOUT_MS = 60_000;
/** Upper bound for a caller's `timeoutMs`. */
export const MAX_COMMAND_TIMEOUT_MS = 10 * 60_000;
/** Output kept per stream; the rest is counted and reported as `truncated`. */
export const KEEP_OUTPUT_BYTES = 64 * 1024;
/** Total output after which a command is stopped (`limitExceeded: "output"`). */
export const KILL_OUTPUT_BYTES = 4 * 1024 * 1024;
/** A sandbox lives this long unless extended with setTimeout(). */
export const SANDBOX_TIMEOUT_MS = 10 * 60_000;

export function commandTimeout(requested: number | undefined, fallback = COMMAND_TIMEOUT_MS, max = MAX_COMMAND_TIMEOUT_MS): number {
  if (requested === undefined || !Number.isFinite(requested) || requested <= 0) return fallback;
  return Math.min(requested, max);
}
