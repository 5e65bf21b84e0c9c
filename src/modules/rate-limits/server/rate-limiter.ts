import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { RATE_LIMITS, type RateLimit, type RateLimitBucket } from "./limits";

export type RateLimitHit = { allowed: boolean; retryAfterMs: number; estimate: number };

/** How often (per hit) old counter rows are cleared: rare enough to cost nothing on average. */
const CLEANUP_PROBABILITY = 0.005;

/**
 * Counts one hit for `key` and says whether it is within `limit` per `windowMs`, correct across
 * any number of app processes: one statement UPSERTs this window's counter in Postgres (the row
 * lock serialises concurrent hits) and reads the previous window's in the same snapshot.
 *
 * The estimate is a sliding window over two fixed ones (the previous window's count weighted by
 * how much of it still overlaps the last `windowMs`), which avoids the fixed window's double
 * burst at its boundary. Refused hits count too, so a client hammering a limit stays refused
 * until it backs off.
 */
export async function hitRateLimit(db: Db, key: string, { limit, windowMs }: Pick<RateLimit, "limit" | "windowMs">, now = Date.now()): Promise<RateLimitHit> {
  const current = Math.floor(now / windowMs) * windowMs;
  const previous = current - windowMs;
  const [row] = await db.$queryRaw<{ current: number; previous: number }[]>`
    WITH hit AS (
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, ${new Date(current)}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
      RETURNING "count"
    )
    SELECT hit."count" AS current,
      COALESCE((SELECT "count" FROM "RateLimitCounter" WHERE "key" = ${key} AND "windowStart" = ${new Date(previous)}), 0) AS previous
    FROM hit`;
  if (Math.random() < CLEANUP_PROBABILITY) void clearOldCounters(db, now);

  const counts = { previous: Number(row?.previous ?? 0), current: Number(row?.current ?? 1) };
  const elapsed = now - current;
  const estimate = counts.previous * (1 - elapsed / windowMs) + counts.current;
  if (estimate <= limit) return { allowed: true, retryAfterMs: 0, estimate };
  return { allowed: false, retryAfterMs: Math.max(1000, Math.ceil(retryAfter(counts, limit, windowMs, elapsed))), estimate };
}

/** How long until, without further hits, the estimate is back within the limit. */
function retryAfter({ previous, current }: { previous: number; current: number }, limit: number, windowMs: number, elapsed: number) {
  // Within this window: once enough of the previous one has slid out.
  if (current <= limit && previous > 0) return (1 - (limit - current) / previous) * windowMs - elapsed;
  // This window alone is over: in the next, once enough of this one has slid out.
  return windowMs - elapsed + (1 - limit / current) * windowMs;
}

/** Counts one hit in each bucket for this user; throws TOO_MANY_REQUESTS with a readable message on the first one over. */
export async function enforceRateLimits(db: Db, userId: string, buckets: readonly RateLimitBucket[], now = Date.now()): Promise<void> {
  for (const bucket of buckets) {
    const rule = RATE_LIMITS[bucket];
    const hit = await hitRateLimit(db, `${bucket}:${userId}`, rule, now);
    if (!hit.allowed) {
      const seconds = Math.ceil(hit.retryAfterMs / 1000);
      throw new AppError(
        "TOO_MANY_REQUESTS",
        `You have made too many ${rule.what} (at most ${rule.limit} ${per(rule.windowMs)}). Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
      );
    }
  }
}

function per(windowMs: number): string {
  return windowMs === 60_000 ? "a minute" : windowMs === 3_600_000 ? "an hour" : `per ${Math.round(windowMs / 1000)} seconds`;
}

async function clearOldCounters(db: Db, now: number) {
  const longest = Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowMs));
  await db.rateLimitCounter
    .deleteMany({ where: { windowStart: { lt: new Date(now - 3 * longest) } } })
    .catch((error: unknown) => console.error("[rate-limits] cleanup failed:", error));
}
