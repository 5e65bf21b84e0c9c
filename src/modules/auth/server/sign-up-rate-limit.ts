import { minutesText, reserveAttempt, type AttemptBucket, type AttemptReservation } from "./attempt-limit";

/**
 * Limits account creation, checked before any password work: per client address, and for the
 * whole server so that rotating addresses (or a spoofed X-Forwarded-For without a proxy) cannot
 * create accounts, or make the server hash passwords, without bound. Every attempt that gets
 * past the check counts, successful or not.
 */
export const SIGN_UP_LIMITS = { windowMs: 60 * 60 * 1000, perAddress: 10, global: 100 } as const;

export const GLOBAL_SIGN_UP_KEY = "sign-up:all";

const rule = {
  windowMs: SIGN_UP_LIMITS.windowMs,
  countSucceeded: true,
  refusal: (seconds: number) => `Too many accounts were created recently. Try again in ${minutesText(seconds)}.`,
};

export function reserveSignUpAttempt(clientAddress: string | null | undefined): Promise<AttemptReservation> {
  const buckets: AttemptBucket[] = [{ key: GLOBAL_SIGN_UP_KEY, limit: SIGN_UP_LIMITS.global }];
  if (clientAddress) buckets.push({ key: `sign-up:ip:${clientAddress.toLowerCase()}`, limit: SIGN_UP_LIMITS.perAddress });
  return reserveAttempt(buckets, rule);
}
