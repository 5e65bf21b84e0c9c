import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import { AppError } from "@/lib/errors";

/**
 * Password hashing runs here, never directly. Node's async scrypt runs on the libuv thread pool
 * (4 threads unless UV_THREADPOOL_SIZE says otherwise), which file-system work, DNS lookups and
 * zlib share: unbounded, a burst of sign-ins takes every thread for ~100 ms each and all other
 * I/O waits behind it. So at most half the pool (and at most all cores but one) hashes at once,
 * and only a bounded number of hashes may wait; past that a request is refused as busy rather
 * than queued without end. Raise UV_THREADPOOL_SIZE to allow more parallel hashing.
 */
export const SERVER_BUSY = "The server is busy signing other people in. Try again in a few seconds.";

export type BoundedRunner = {
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): { concurrency: number; active: number; queued: number; started: number };
};

export function createBoundedRunner({ concurrency, maxQueued }: { concurrency: number; maxQueued: number }): BoundedRunner {
  const limit = pLimit(concurrency);
  let started = 0;
  return {
    run(task) {
      // p-limit updates both counts synchronously, so a same-tick burst is bounded too.
      if (limit.pendingCount >= maxQueued) {
        return Promise.reject(new AppError("TOO_MANY_REQUESTS", SERVER_BUSY));
      }
      return limit(() => {
        started++;
        return task();
      });
    },
    stats: () => ({ concurrency, active: limit.activeCount, queued: limit.pendingCount, started }),
  };
}

export function defaultHashingConcurrency(
  threadPoolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4,
  cores = availableParallelism(),
): number {
  return Math.max(1, Math.min(Math.floor(threadPoolSize / 2), cores - 1));
}

// ~100 ms per hash: 64 waiting is a few seconds of work at most.
export const passwordHashing = createBoundedRunner({ concurrency: defaultHashingConcurrency(), maxQueued: 64 });
