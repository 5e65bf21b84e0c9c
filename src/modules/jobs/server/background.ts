import { env } from "@/env";
import { db } from "@/lib/db/client";
import { providers } from "@/lib/providers";
import { startRunSweeper } from "@/modules/runs/server/sweeper";
import type { LocalJobWorkerOptions } from "./local/worker";
import { getJobs } from ".";

export type BackgroundOptions = {
  /** The local worker's options (default: from env — JOBS_CONCURRENCY, the real workflow ports). */
  worker?: Omit<LocalJobWorkerOptions, "connectionString">;
  /** How often the run sweeper looks (default 15 s). */
  sweepIntervalMs?: number;
};

type Running = { stop(): Promise<void> };
const globalForBackground = globalThis as unknown as { ollioBackground?: Promise<Running> };

/**
 * Background work of a Node server process: the embedded job worker (when jobs run locally) and
 * the run sweeper (always: it also catches runs whose Inngest job was lost). Idempotent per
 * process, so repeated calls (instrumentation, dev reloads) start nothing twice.
 */
export async function startBackgroundServices(options: BackgroundOptions = {}): Promise<void> {
  globalForBackground.ollioBackground ??= start(options).catch((error: unknown) => {
    globalForBackground.ollioBackground = undefined;
    throw error;
  });
  await globalForBackground.ollioBackground;
}

/** Stops what startBackgroundServices started, letting running jobs finish (shutdown, tests). */
export async function stopBackgroundServices(): Promise<void> {
  const running = globalForBackground.ollioBackground;
  globalForBackground.ollioBackground = undefined;
  await (await running?.catch(() => null))?.stop();
}

async function start(options: BackgroundOptions): Promise<Running> {
  let worker: { stop(): Promise<void> } | null = null;
  if (providers.jobs === "local") {
    const { startLocalJobWorker } = await import("./local/worker");
    worker = await startLocalJobWorker(options.worker);
  }
  const sweeper = startRunSweeper(db, { jobs: await getJobs(), intervalMs: options.sweepIntervalMs });
  console.log(`[ollio] background services started (jobs: ${providers.jobs})`);
  return {
    async stop() {
      sweeper.stop();
      await worker?.stop();
      if (worker) await import("./local/boss").then((m) => m.stopBoss(env.DATABASE_URL));
    },
  };
}
