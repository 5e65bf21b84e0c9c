import { db } from "@/lib/db/client";
import { minutesText, RateLimitedError, reserveAttempt, type AttemptBucket, type AttemptReservation } from "./attempt-limit";

export { RateLimitedError };

/**
 * Limits password guessing: at most `perEmail` failed sign-ins per email and `perAddress` per
 * client address within a sliding window. The attempt is counted and recorded (atomically, see
 * attempt-limit.ts) *before* the password is checked, so parallel guesses cannot all be
 * evaluated; it counts as a failure until it is marked successful, and successes never count.
 */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60 * 1000, perEmail: 5, perAddress: 20 } as const;

export type SignInSource = {
  /** Normalised (lower-cased) email. */
  email: string;
  /** Client address; when unknown, only the per-email limit applies (one shared bucket would lock everyone out). */
  clientAddress?: string | null;
};

const rule = {
  windowMs: SIGN_IN_LIMITS.windowMs,
  countSucceeded: false,
  refusal: (seconds: number) => `Too many sign-in attempts. Try again in ${minutesText(seconds)}.`,
};

/** Throws RateLimitedError (TOO_MANY_REQUESTS, with a retry hint) when either limit is used up; else the attempt is on record. */
export function reserveSignInAttempt(source: SignInSource): Promise<AttemptReservation> {
  return reserveAttempt(bucketsFor(source), rule);
}

/** Records a finished attempt without checking the limits (for seeding tests and imports). */
export async function recordSignInAttempt(source: SignInSource, succeeded: boolean): Promise<void> {
  const createdAt = new Date();
  await db.authAttempt.createMany({ data: bucketsFor(source).map(({ key }) => ({ key, succeeded, createdAt })) });
}

function bucketsFor({ email, clientAddress }: SignInSource): AttemptBucket[] {
  const buckets: AttemptBucket[] = [{ key: `email:${email}`, limit: SIGN_IN_LIMITS.perEmail }];
  if (clientAddress) buckets.push({ key: `ip:${clientAddress.toLowerCase()}`, limit: SIGN_IN_LIMITS.perAddress });
  return buckets;
}
