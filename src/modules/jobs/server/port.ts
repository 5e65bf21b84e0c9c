/**
 * The jobs port: how domain code asks for background work. Two adapters run the same workflow
 * code — the embedded Postgres-backed runner (pg-boss) and Inngest — chosen by `providers.jobs`.
 */
export const GENERATE_REQUESTED_EVENT = "app/generate.requested";

export type GenerateRequested = { runId: string; teamId: string };

export interface JobsPort {
  readonly name: "local" | "inngest";
  /** Enqueues one generation. Resolves once the job is durably accepted, not when it has run. */
  dispatchGenerate(data: GenerateRequested): Promise<void>;
}
