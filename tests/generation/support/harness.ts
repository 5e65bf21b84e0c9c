import { db } from "@/lib/db/client";
import type { RunStatus } from "@/generated/prisma/client";
import { createWorkflowDeps } from "@/modules/generation/server/default-workflow-deps";
import { defaultWorkflowSettings, type WorkflowDeps, type WorkflowSettings } from "@/modules/generation/server/workflow-deps";
import { createLocalJobs } from "@/modules/jobs/server/local/local-jobs";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { startLocalJobWorker, type LocalJobWorker, type LocalJobWorkerOptions } from "@/modules/jobs/server/local/worker";
import { startScriptedOpenAI, type ScriptedOpenAI } from "../../support/scripted-openai";

/** Settings small enough for tests: quick heartbeats and timeouts, few iterations. */
export function testSettings(overrides: Partial<WorkflowSettings> = {}): WorkflowSettings {
  return {
    ...defaultWorkflowSettings(),
    maxIterations: 5,
    modelTimeoutMs: 3_000,
    heartbeatMs: 200,
    commandTimeoutMs: 10_000,
    ...overrides,
  };
}

/**
 * The real generation stack of one test file: the scripted model, the real workflow deps (local
 * sandbox, this file's database, preview URLs), pg-boss jobs with immediate retries, and a worker.
 */
export async function startGenerationStack(settings: Partial<WorkflowSettings> = {}) {
  const connectionString = process.env.DATABASE_URL!;
  const model: ScriptedOpenAI = await startScriptedOpenAI();
  const deps: WorkflowDeps = createWorkflowDeps({ model: model.model, settings: testSettings(settings) });
  const jobs = createLocalJobs(connectionString, { retryDelay: 0, retryBackoff: false });
  let worker: LocalJobWorker | null = null;
  return {
    model,
    deps,
    jobs,
    /** What sendPrompt/createProjectFromPrompt get in tests. */
    sendDeps: { model: model.model, jobs },
    async startWorker(options: Partial<LocalJobWorkerOptions> = {}) {
      worker = await startLocalJobWorker({ connectionString, deps, concurrency: 2, pollingIntervalSeconds: 0.5, ...options });
      return worker;
    },
    async stop() {
      await worker?.stop();
      await stopBoss(connectionString);
      await model.close();
    },
  };
}

const FINISHED: RunStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];

/** Polls the run until it reaches one of `statuses` (default: any finished state). */
export async function waitForRun(runId: string, { statuses = FINISHED, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`Run ${runId} is still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
