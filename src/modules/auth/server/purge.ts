import { db } from "@/lib/db/client";
import { SESSION_IDLE_TIMEOUT_MS } from "./session-policy";
import { SIGN_IN_LIMITS } from "./sign-in-rate-limit";
import { SIGN_UP_LIMITS } from "./sign-up-rate-limit";

/**
 * Deletes auth rows nobody needs any more: sessions that expired, went idle past the timeout or
 * were revoked (each kept a day after it ended, for looking into incidents), and auth attempts
 * older than a day (far past every rate-limit window). Runs from sign-in (createSession) at
 * most once an hour per process, so it needs no scheduler and costs sign-in nothing measurable.
 */
export const PURGE_EVERY_MS = 60 * 60 * 1000;
export const KEEP_ENDED_FOR_MS = 24 * 60 * 60 * 1000;

if (KEEP_ENDED_FOR_MS < Math.max(SIGN_IN_LIMITS.windowMs, SIGN_UP_LIMITS.windowMs)) {
  throw new Error("Auth attempts must be kept longer than every rate-limit window.");
}

export type PurgeResult = { sessions: number; authAttempts: number };

export async function purgeStaleAuthRecords(now = new Date()): Promise<PurgeResult> {
  const endedBefore = new Date(now.getTime() - KEEP_ENDED_FOR_MS);
  const sessions = await db.session.deleteMany({
    where: {
      OR: [
        { expiresAt: { lt: endedBefore } },
        { revokedAt: { lt: endedBefore } },
        { lastSeenAt: { lt: new Date(endedBefore.getTime() - SESSION_IDLE_TIMEOUT_MS) } },
      ],
    },
  });
  const authAttempts = await db.authAttempt.deleteMany({ where: { createdAt: { lt: endedBefore } } });
  return { sessions: sessions.count, authAttempts: authAttempts.count };
}

let lastPurgeAt = Number.NEGATIVE_INFINITY;

/** Purges when the last purge in this process is PURGE_EVERY_MS old; null when it was not due. Never fails the caller. */
export async function purgeStaleAuthRecordsIfDue(now = new Date()): Promise<PurgeResult | null> {
  if (now.getTime() - lastPurgeAt < PURGE_EVERY_MS) return null;
  lastPurgeAt = now.getTime();
  return purgeStaleAuthRecords(now).catch((error: unknown) => {
    console.error("[auth] could not purge stale sessions and attempts:", error);
    return null;
  });
}
