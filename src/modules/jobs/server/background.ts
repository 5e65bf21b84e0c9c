import { env } from "@/env";
import { db } from "@/lib/db/client";
import { providers } from "@/lib/providers";
import { startRunSweeper } from "@/modules/runs/server/sweeper";
import { getJobs } from ".";

type Running = { stop(): Promise<void> };
const globalForBackground = globalThis as unknown as { ollioBackground?: Promise<Running> };

/**
 * Background work of a Node server process: the embedded job worker (when jobs run locally) and
 * the run sweeper (always: it also catches runs whose Inngest job was lost). Idempotent per
 * process, so repeated calls (instrumentation, dev reloads) start nothing twice.
 */
export async function startBackgroundServices(): Promise<void> {
  globalForBackground.ollioBackground ??= start().catch((error: unknown) => {
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

async function start(): Promise<Running> {
  let worker: { stop(): Promise<void> } | null = null;
  if (providers.jobs === "local") {
    const { startLocalJobWorker } = await import("./local/worker");
    worker = await startLocalJobWorker();
  }
  const sweeper = startRunSweeper(db, { jobs: await getJobs() });
  console.log(`[ollio] background services started (jobs: ${providers.jobs})`);
  return {
    async stop() {
      sweeper.stop();
      await worker?.stop();
      if (worker) await import("./local/boss").then((m) => m.stopBoss(env.DATABASE_URL));
    },
  };
}
