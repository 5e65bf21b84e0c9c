import type { GenerateRequested } from "@/modules/jobs/server/port";
import { generateAttempt, type AttemptOutcome } from "./generate-attempt";
import { saveGeneratedResult, type SaveOutcome } from "./save-result";
import type { WorkflowDeps } from "./workflow-deps";
import type { WorkflowSteps } from "./workflow-steps";

export type WorkflowOutcome = Exclude<AttemptOutcome, { kind: "generated" }> | SaveOutcome;

/**
 * The generation workflow both job runners execute, as two steps:
 *
 * 1. "generate" — claim the run (QUEUED → RUNNING, attempt + 1), run the agent in a fresh sandbox,
 *    read the files back. The claim lives inside this step on purpose: Inngest retries a failed
 *    step by running it again, the embedded runner retries the whole job, and either way a retry
 *    must claim the run anew (the failed attempt handed it back to the queue).
 * 2. "save-result" — persist fragment, message, SUCCEEDED and the credit commit in one
 *    transaction guarded by the attempt. Under Inngest a failure here retries only this step with
 *    the memoised files, instead of paying for the agent again.
 *
 * Double execution cannot double-write: a second job for the same run finds it not claimable;
 * a stale attempt's writes are fenced by its attempt number.
 */
export async function runGenerateWorkflow(deps: WorkflowDeps, input: GenerateRequested, step: WorkflowSteps): Promise<WorkflowOutcome> {
  const generated = await step.run("generate", () => generateAttempt(deps, input.runId));
  if (generated.kind !== "generated") return generated;
  return step.run("save-result", () => saveGeneratedResult(deps, generated));
}
