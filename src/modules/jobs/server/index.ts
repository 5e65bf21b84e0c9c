import { env } from "@/env";
import { providers } from "@/lib/providers";
import type { JobsPort } from "./port";

export type { GenerateRequested, JobsPort } from "./port";
export { GENERATE_REQUESTED_EVENT } from "./port";

const globalForJobs = globalThis as unknown as { ollioJobs?: Promise<JobsPort> };

/** The jobs adapter env chose (JOBS_PROVIDER, else Inngest when its keys are set, else local). */
export function getJobs(): Promise<JobsPort> {
  globalForJobs.ollioJobs ??=
    providers.jobs === "inngest"
      ? import("./inngest-jobs").then((m) => m.inngestJobs)
      : import("./local/local-jobs").then((m) => m.createLocalJobs(env.DATABASE_URL));
  return globalForJobs.ollioJobs;
}
