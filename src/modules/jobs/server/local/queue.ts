import { env } from "@/env";
import { MAX_RUN_ATTEMPTS } from "@/modules/runs/server/run-policy";

export const GENERATE_QUEUE = "ollio-generate";

/** Senders NOTIFY this channel after each job; each worker process LISTENs and fetches once per notification. */
export const JOBS_NOTIFY_CHANNEL = "ollio_jobs";

export type GenerateJobOptions = {
  retryLimit: number;
  /** Seconds before a retry; doubled (with jitter) per retry when retryBackoff is set. */
  retryDelay: number;
  retryBackoff: boolean;
  /**
   * A job running longer than this is failed (and retried) by pg-boss's supervisor. Just above
   * the attempt time limit (the workflow stops itself first), so a job whose process died stops
   * counting as active soon after.
   */
  expireInSeconds: number;
};

export const DEFAULT_GENERATE_JOB_OPTIONS: GenerateJobOptions = {
  retryLimit: MAX_RUN_ATTEMPTS - 1,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: Math.ceil(env.RUN_ATTEMPT_TIMEOUT_MS / 1000) + 120,
};
