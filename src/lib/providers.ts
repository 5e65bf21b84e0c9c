import { env } from "@/env";

/**
 * Which adapter serves each port. Every cloud part switches on by its keys alone; with no keys,
 * the embedded local stand-ins run. Explicit *_PROVIDER variables override the guess.
 */
export const providers = {
  jobs: env.JOBS_PROVIDER ?? (env.INNGEST_EVENT_KEY || env.INNGEST_DEV || env.INNGEST_BASE_URL ? "inngest" : "local"),
  sandbox: env.SANDBOX_PROVIDER ?? (env.E2B_API_KEY ? "e2b" : "local"),
  auth: env.CLERK_SECRET_KEY && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? "clerk" : "local",
} as const;
