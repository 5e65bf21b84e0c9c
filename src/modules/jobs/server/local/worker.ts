import { z } from "zod";
import { env } from "@/env";
import { runGenerateWorkflow } from "@/modules/generation/server/workflow";
import { createWorkflowDeps } from "@/modules/generation/server/default-workflow-deps";
import type { WorkflowDeps } from "@/modules/generation/server/workflow-deps";
import { inlineSteps } from "@/modules/generation/server/workflow-steps";
import { getBoss } from "./boss";
import { listenForJobs } from "./job-notifications";
import { GENERATE_QUEUE, JOBS_NOTIFY_CHANNEL } from "./queue";

const generateJobData = z.object({ runId: z.string().min(1), teamId: z.string().min(1) });

export type LocalJobWorkerOptions = {
  connectionString?: string;
  /** Generations this process runs at once. Each one drives a sandbox, so keep it near the core count. */
  concurrency?: number;
  /** Fallback poll when a notification is missed (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Default: the real ports from env (database, sandbox provider, model, preview URLs). */
  deps?: WorkflowDeps;
};

export type LocalJobWorker = { stop(): Promise<void> };

/**
 * Runs generation jobs from pg-boss in this process with the same workflow as the Inngest
 * function. pg-boss retries happen by re-running the whole job: the workflow's claim step makes
 * that safe. Wakes on NOTIFY from any process that dispatched a job.
 */
export async function startLocalJobWorker(options: LocalJobWorkerOptions = {}): Promise<LocalJobWorker> {
  const connectionString = options.connectionString ?? env.DATABASE_URL;
  const deps = options.deps ?? (await createWorkflowDeps());
  const boss = await getBoss(connectionString);

  const workerIds = await Promise.all(
    Array.from({ length: options.concurrency ?? env.JOBS_CONCURRENCY }, () =>
      boss.work<unknown>(
        GENERATE_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          if (!job) return;
          const data = generateJobData.parse(job.data);
          return runGenerateWorkflow(deps, data, inlineSteps);
        },
      ),
    ),
  );
  const listener = await listenForJobs(connectionString, JOBS_NOTIFY_CHANNEL, () => {
    for (const id of workerIds) boss.notifyWorker(id);
  });

  return {
    async stop() {
      await listener.close();
      await Promise.all(workerIds.map((id) => boss.offWork({ id })));
    },
  };
}
