import { env } from "@/env";
import type { Db } from "@/lib/db/client";
import { DEFAULT_STALE_RUNNING_MS, MAX_RUN_ATTEMPTS, MAX_TOOL_CALLS_PER_TURN } from "@/modules/runs/server/run-policy";
import type { SandboxProvider } from "@/modules/sandbox/server/port";
import type { ModelConfig } from "./model-config";

export type WorkflowSettings = {
  /** Model calls allowed per attempt (AGENT_MAX_ITERATIONS). */
  maxIterations: number;
  /** Longest wait for one model reply (MODEL_TIMEOUT_MS). */
  modelTimeoutMs: number;
  heartbeatMs: number;
  /** A RUNNING run without a heartbeat for this long may be taken over. */
  staleAfterMs: number;
  maxAttempts: number;
  /** Wall-clock limit of one attempt (RUN_ATTEMPT_TIMEOUT_MS): past it the run fails with a refund. */
  attemptTimeoutMs: number;
  /** Wall-clock limit of a run from its first claim, across attempts (RUN_TIMEOUT_MS). */
  runTimeoutMs: number;
  /** Tool calls the agent may make in one model reply; the excess get an error result. */
  maxToolCallsPerTurn: number;
  /** Longest a single terminal command may run. */
  commandTimeoutMs: number;
  /** How long a sandbox may live while the agent works in it. */
  sandboxTimeoutMs: number;
  /** How long a sandbox with a live URL is kept after success, so that URL works for a while. */
  sandboxKeepAliveMs: number;
  sandboxTemplate?: string;
  /** Load the result in the sandbox's headless browser before saving it (src/modules/check). */
  pageCheck: boolean;
  /** Extra agent rounds after the first, to fix what the check found or a run that changed nothing. */
  maxFixRounds: number;
};

/** Everything the generation workflow talks to, each behind its port. Tests pass their own. */
export type WorkflowDeps = {
  db: Db;
  sandboxes: Pick<SandboxProvider, "create">;
  /** The configured model, or null when none is (the run then fails with that reason). */
  model: ModelConfig | null;
  /** The durable preview address of a saved fragment, from its preview token. */
  previewUrlFor: (previewToken: string) => string;
  settings: WorkflowSettings;
};

export function defaultWorkflowSettings(): WorkflowSettings {
  return {
    maxIterations: env.AGENT_MAX_ITERATIONS,
    modelTimeoutMs: env.MODEL_TIMEOUT_MS,
    heartbeatMs: 10_000,
    staleAfterMs: DEFAULT_STALE_RUNNING_MS,
    maxAttempts: MAX_RUN_ATTEMPTS,
    attemptTimeoutMs: env.RUN_ATTEMPT_TIMEOUT_MS,
    runTimeoutMs: env.RUN_TIMEOUT_MS,
    maxToolCallsPerTurn: MAX_TOOL_CALLS_PER_TURN,
    commandTimeoutMs: 60_000,
    sandboxTimeoutMs: 15 * 60_000,
    sandboxKeepAliveMs: 10 * 60_000,
    pageCheck: true,
    maxFixRounds: 2,
  };
}
