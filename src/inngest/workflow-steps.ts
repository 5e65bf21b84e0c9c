import type { GetStepTools } from "inngest";
import { runWithAsyncCtx } from "inngest/experimental";
import type { WorkflowSteps } from "@/modules/generation/server/workflow-steps";
import { inngest } from "./client";

/**
 * The workflow's steps as Inngest steps. Inside a step, agent-kit would find the step tools in
 * Inngest's async context and turn each model call into a nested `step.ai.infer`, which Inngest
 * does not support inside `step.run` (NESTING_STEPS; the run never completes). Running the step
 * body in a context without an execution makes agent-kit call the model over plain fetch from
 * this server, exactly as under the embedded runner — which is also what a self-hosted model on
 * localhost needs, since with step.ai.infer the Inngest server makes the request.
 */
export function inngestWorkflowSteps(step: GetStepTools<typeof inngest>): WorkflowSteps {
  return {
    run: <T>(id: string, fn: () => Promise<T>) =>
      step.run(id, () => runWithAsyncCtx({ app: inngest }, fn)) as unknown as Promise<T>,
  };
}
