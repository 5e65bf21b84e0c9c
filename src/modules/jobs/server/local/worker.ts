import pg from "pg";
import { z } from "zod";
import { env } from "@/env";
import { runGenerateWorkflow } from "@/modules/generation/server/workflow";
import { createWorkflowDeps } from "@/modules/generation/server/default-workflow-deps";
import type { WorkflowDeps } from "@/modules/generation/server/workflow-deps";
import { inlineSteps } from "@/modules/generation/server/workflow-steps";
import { getBoss } from "./boss";
import { fetchNextGenerateJob, type FetchedJob } from "./fair-fetch";
import { listenForJobs } from "./job-notifications";
import { GENERATE_QUEUE, JOBS_NOTIFY_CHANNEL } from "./queue";

const generateJobData = z.object({ runId: z.string().min(1), teamId: z.string().min(1) });

export type LocalJobWorkerOptions = {
  connectionString?: string;
  /**
   * Generations this process runs at once (JOBS_CONCURRENCY). A run mostly waits on the model, so
   * this is sized for waiting, not for cores; each sandbox command is bounded by the sandbox limits.
   */
  concurrency?: number;
  /** Fallback poll for jobs no notification announced (retries coming due, missed NOTIFYs). */
  pollingIntervalSeconds?: number;
  /** Default: the real ports from env (database, sandbox provider, model, preview URLs). */
  deps?: WorkflowDeps;
};

export type LocalJobWorker = { stop(): Promise<void> };

/**
 * Runs generation jobs from pg-boss in this process with the same workflow as the Inngest
 * function. One loop owns every slot of the process, instead of pg-boss's one poller per slot:
 *
 * - it fetches the next job the moment a slot frees (pg-boss's workers sleep out their poll
 *   interval after a short job unless notified);
 * - a NOTIFY from any process that dispatched a job costs one fetch here, not one per slot;
 * - each fetch honours every team's share of the workers (see fair-fetch.ts).
 *
 * Jobs are completed or failed through pg-boss, which keeps its retries (the workflow's claim
 * makes re-running a job safe) and expiry.
 */
export async function startLocalJobWorker(options: LocalJobWorkerOptions = {}): Promise<LocalJobWorker> {
  const connectionString = options.connectionString ?? env.DATABASE_URL;
  const deps = options.deps ?? (await createWorkflowDeps());
  const concurrency = options.concurrency ?? env.JOBS_CONCURRENCY;
  const boss = await getBoss(connectionString);
  const fetchPool = new pg.Pool({ connectionString, application_name: "ollio-jobs-fetch", max: 1 });
  fetchPool.on("error", (error) => console.error("[jobs] fetch connection:", error.message));

  const running = new Set<Promise<void>>();
  let stopping = false;
  let fetching = false;
  let fetchAgain = false;

  const runJob = async (job: FetchedJob) => {
    try {
      const output = await runGenerateWorkflow(deps, generateJobData.parse(job.data), inlineSteps);
      await boss.complete(GENERATE_QUEUE, job.id, output);
    } catch (error) {
      // pg-boss retries it (retryLimit, backoff); the retry claims the run anew.
      const failure = error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
      await boss.fail(GENERATE_QUEUE, job.id, failure).catch((e: unknown) => console.error("[jobs] could not fail job:", e));
    }
  };

  /** Fills free slots while jobs are there. Calls while a fetch is under way fold into one more pass. */
  const fill = async (): Promise<void> => {
    if (fetching) {
      fetchAgain = true;
      return;
    }
    fetching = true;
    try {
      do {
        fetchAgain = false;
        while (!stopping && running.size < concurrency) {
          const job = await fetchNextGenerateJob(fetchPool, { staleAfterMs: deps.settings.staleAfterMs });
          if (!job) break;
          const task: Promise<void> = runJob(job).finally(() => {
            running.delete(task);
            void fill();
          });
          running.add(task);
        }
      } while (fetchAgain && !stopping && running.size < concurrency);
    } catch (error) {
      console.error("[jobs] fetching the next job failed:", error instanceof Error ? error.message : error);
    } finally {
      fetching = false;
    }
  };

  const poll = setInterval(() => void fill(), (options.pollingIntervalSeconds ?? 2) * 1000);
  poll.unref();
  const listener = await listenForJobs(connectionString, JOBS_NOTIFY_CHANNEL, () => void fill());
  void fill();

  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(poll);
        await listener.close();
        // Running jobs finish (bounded by the attempt time limit); the caller may stop pg-boss sooner.
        await Promise.allSettled([...running]);
        await fetchPool.end();
      })();
      return stopped;
    },
  };
}
