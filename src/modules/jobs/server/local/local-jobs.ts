import type { GenerateRequested, JobsPort } from "../port";
import { getBoss } from "./boss";
import { DEFAULT_GENERATE_JOB_OPTIONS, GENERATE_QUEUE, JOBS_NOTIFY_CHANNEL, type GenerateJobOptions } from "./queue";

/**
 * The embedded jobs adapter: a pg-boss job in the app's own Postgres — durable across restarts,
 * retried with backoff. After the job is committed a NOTIFY wakes the workers of every process
 * listening, so a job starts in milliseconds rather than at the next poll.
 */
export function createLocalJobs(connectionString: string, jobOptions: Partial<GenerateJobOptions> = {}): JobsPort {
  const options = { ...DEFAULT_GENERATE_JOB_OPTIONS, ...jobOptions };
  return {
    name: "local",
    async dispatchGenerate(data: GenerateRequested) {
      const boss = await getBoss(connectionString);
      const id = await boss.send(GENERATE_QUEUE, data, options);
      if (!id) throw new Error("The job queue did not accept the generation job.");
      await boss.getDb().executeSql("SELECT pg_notify($1, $2)", [JOBS_NOTIFY_CHANNEL, GENERATE_QUEUE]);
    },
  };
}
