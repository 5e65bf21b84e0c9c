import { MAX_RUN_ATTEMPTS } from "@/modules/runs/server/run-policy";

export const GENERATE_QUEUE = "ollio-generate";

/** Senders NOTIFY this channel after each job; workers LISTEN and fetch at once instead of polling. */
export const JOBS_NOTIFY_CHANNEL = "ollio_jobs";

export type GenerateJobOptions = {
  retryLimit: number;
  /** Seconds before a retry; doubled (with jitter) per retry when retryBackoff is set. */
  retryDelay: number;
  retryBackoff: boolean;
  /** A job running longer than this is failed (and retried) by pg-boss's supervisor. */
  expireInSeconds: number;
};

export const DEFAULT_GENERATE_JOB_OPTIONS: GenerateJobOptions = {
  retryLimit: MAX_RUN_ATTEMPTS - 1,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 30 * 60,
};
