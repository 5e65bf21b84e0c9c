import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Limits password guessing with the AuthAttempt table: at most `perEmail` failed sign-ins per
 * email and `perAddress` per client address within a sliding window. Successful sign-ins are
 * recorded but never counted. Postgres instead of memory so the limit holds across processes.
 * Check-then-record is not atomic, so a burst of parallel guesses can overshoot by a few; that
 * is acceptable for slowing guessing and keeps sign-in free of locks.
 */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60 * 1000, perEmail: 5, perAddress: 20 } as const;
// Old rows are pruned per key as new attempts arrive; a day is kept for looking into incidents.
const RETENTION_MS = 24 * 60 * 60 * 1000;

export type SignInSource = {
  /** Normalised (lower-cased) email. */
  email: string;
  /** Client address; when unknown, only the per-email limit applies (one shared bucket would lock everyone out). */
  clientAddress?: string | null;
};

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("TOO_MANY_REQUESTS", `Too many sign-in attempts. Try again in ${minutesText(retryAfterSeconds)}.`);
    this.name = "RateLimitedError";
  }
}

/** Throws RateLimitedError (code TOO_MANY_REQUESTS, with a retry hint) when either limit is used up. */
export async function assertSignInAllowed(source: SignInSource): Promise<void> {
  const now = Date.now();
  let retryAfterMs = 0;
  for (const { key, limit } of bucketsFor(source)) {
    const failures = await db.authAttempt.findMany({
      where: { key, succeeded: false, createdAt: { gt: new Date(now - SIGN_IN_LIMITS.windowMs) } },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { createdAt: true },
    });
    // Once the limit-th most recent failure leaves the window, the count is under the limit again.
    const oldestCounted = failures[limit - 1];
    if (oldestCounted) {
      retryAfterMs = Math.max(retryAfterMs, oldestCounted.createdAt.getTime() + SIGN_IN_LIMITS.windowMs - now);
    }
  }
  if (retryAfterMs > 0) throw new RateLimitedError(Math.ceil(retryAfterMs / 1000));
}

export async function recordSignInAttempt(source: SignInSource, succeeded: boolean): Promise<void> {
  const keys = bucketsFor(source).map((bucket) => bucket.key);
  // App clock for both writing and reading createdAt, so database clock skew cannot stretch the window.
  const now = new Date();
  await db.authAttempt.createMany({ data: keys.map((key) => ({ key, succeeded, createdAt: now })) });
  await db.authAttempt.deleteMany({
    where: { key: { in: keys }, createdAt: { lt: new Date(now.getTime() - RETENTION_MS) } },
  });
}

function bucketsFor({ email, clientAddress }: SignInSource) {
  const buckets: { key: string; limit: number }[] = [{ key: `email:${email}`, limit: SIGN_IN_LIMITS.perEmail }];
  if (clientAddress) buckets.push({ key: `ip:${clientAddress.toLowerCase()}`, limit: SIGN_IN_LIMITS.perAddress });
  return buckets;
}

function minutesText(seconds: number) {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
