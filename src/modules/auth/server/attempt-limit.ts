import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Sliding-window limits on auth attempts, kept in the AuthAttempt table so they hold across
 * server processes. Checking and recording are one step: a short transaction takes a Postgres
 * advisory lock per bucket, then inserts the attempt only if every bucket still has room. So
 * however many requests race, at most `limit` are let through per window, and none holds a lock
 * (or a connection) while the ~100 ms password hash runs afterwards.
 */
export type AttemptBucket = { key: string; limit: number };

export type AttemptRule = {
  windowMs: number;
  /** Sign-in counts only failures (an attempt is a failure until marked succeeded); sign-up counts every attempt. */
  countSucceeded: boolean;
  refusal: (retryAfterSeconds: number) => string;
};

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super("TOO_MANY_REQUESTS", message);
    this.name = "RateLimitedError";
  }
}

export type AttemptReservation = {
  /** Marks the attempt successful (sign-in: it then stops counting). */
  succeeded(): Promise<void>;
  /** Takes the attempt back, e.g. when it was refused before any password work was done. */
  release(): Promise<void>;
};

/** Records one attempt in every bucket, or throws RateLimitedError (nothing recorded) when any bucket is full. */
export async function reserveAttempt(buckets: AttemptBucket[], rule: AttemptRule): Promise<AttemptReservation> {
  // Locks in one order everywhere, so two requests sharing two buckets cannot deadlock.
  const sorted = [...buckets].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = sorted.map((bucket) => bucket.key);
  const limits = sorted.map((bucket) => bucket.limit);
  // App clock for writing and reading createdAt, so database clock skew cannot stretch the window.
  const now = new Date();
  const since = new Date(now.getTime() - rule.windowMs);

  const [, inserted] = await db
    .$transaction([
      db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`,
      // A new statement, so its snapshot sees every attempt committed by earlier lock holders.
      db.$queryRaw<{ id: string }[]>`
        INSERT INTO "AuthAttempt" ("id", "key", "succeeded", "createdAt")
        SELECT gen_random_uuid()::text, b.key, false, ${now}
        FROM unnest(${keys}::text[]) AS b(key)
        WHERE NOT EXISTS (
          SELECT 1 FROM unnest(${keys}::text[], ${limits}::int[]) AS c(key, lim)
          WHERE (
            SELECT count(*) FROM "AuthAttempt" a
            WHERE a."key" = c.key AND a."createdAt" > ${since} AND (${rule.countSucceeded} OR NOT a."succeeded")
          ) >= c.lim
        )
        RETURNING "id"`,
    ])
    .catch((error: unknown) => {
      // A flood can exhaust the connection pool while requests wait their turn: busy, not broken.
      if (isTransactionStartTimeout(error)) throw new AppError("TOO_MANY_REQUESTS", "The server is busy. Try again in a few seconds.");
      throw error;
    });

  if (inserted.length === 0) {
    const retryAfterSeconds = Math.ceil((await retryAfterMs(sorted, rule, now)) / 1000);
    throw new RateLimitedError(retryAfterSeconds, rule.refusal(retryAfterSeconds));
  }
  const ids = inserted.map((row) => row.id);
  return {
    succeeded: async () => void (await db.authAttempt.updateMany({ where: { id: { in: ids } }, data: { succeeded: true } })),
    release: async () => void (await db.authAttempt.deleteMany({ where: { id: { in: ids } } })),
  };
}

/** When the fullest bucket has room again: once its limit-th most recent counted attempt leaves the window. */
async function retryAfterMs(buckets: AttemptBucket[], rule: AttemptRule, now: Date): Promise<number> {
  let wait = 1000;
  for (const { key, limit } of buckets) {
    const counted = await db.authAttempt.findMany({
      where: { key, createdAt: { gt: new Date(now.getTime() - rule.windowMs) }, ...(rule.countSucceeded ? {} : { succeeded: false }) },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { createdAt: true },
    });
    const oldest = counted[limit - 1];
    if (oldest) wait = Math.max(wait, oldest.createdAt.getTime() + rule.windowMs - now.getTime());
  }
  return wait;
}

function isTransactionStartTimeout(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028";
}

export function minutesText(seconds: number) {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
