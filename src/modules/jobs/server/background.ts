import { db } from "@/lib/db/client";
import { providers } from "@/lib/providers";
import { startRunSweeper } from "@/modules/runs/server/sweeper";
import { getJobs } from ".";

const globalForBackground = globalThis as unknown as { ollioBackground?: Promise<void> };

/**
 * Background work of a Node server process: the embedded job worker (when jobs run locally) and
 * the run sweeper (always: it also catches runs whose Inngest job was lost). Idempotent per
 * process, so repeated calls (instrumentation, dev reloads) start nothing twice.
 */
export function startBackgroundServices(): Promise<void> {
  globalForBackground.ollioBackground ??= start().catch((error) => {
    globalForBackground.ollioBackground = undefined;
    throw error;
  });
  return globalForBackground.ollioBackground;
}

async function start() {
  if (providers.jobs === "local") {
    const { startLocalJobWorker } = await import("./local/worker");
    await startLocalJobWorker();
  }
  startRunSweeper(db, { jobs: await getJobs() });
  console.log(`[ollio] background services started (jobs: ${providers.jobs})`);
}
