import { NonRetriableError } from "inngest";
import { z } from "zod";
import type { Plan } from "@/generated/prisma/client";
import { PLANS } from "@/modules/credits/server/plans";
import { createWorkflowDeps } from "@/modules/generation/server/default-workflow-deps";
import { runGenerateWorkflow } from "@/modules/generation/server/workflow";
import type { WorkflowDeps } from "@/modules/generation/server/workflow-deps";
import { GENERATE_REQUESTED_EVENT } from "@/modules/jobs/server/port";
import { failRun } from "@/modules/runs/server/fail-run";
import { MAX_RUN_ATTEMPTS } from "@/modules/runs/server/run-policy";
import { inngest } from "./client";
import { inngestWorkflowSteps } from "./workflow-steps";

/**
 * Which events each plan's function takes. Inngest's concurrency limit is one number per
 * function, so each plan gets its own function limited per team to PLANS[plan].concurrentRuns —
 * the same share the local runner gives. An event without a known plan (sent before plans were
 * in events) goes to the FREE function, the smallest share.
 */
const PLAN_FILTERS: Record<Plan, string> = {
  FREE: "event.data.plan != 'PRO' && event.data.plan != 'TEAM'",
  PRO: "event.data.plan == 'PRO'",
  TEAM: "event.data.plan == 'TEAM'",
};

type InngestRetries = NonNullable<Parameters<typeof inngest.createFunction>[0]["retries"]>;

const generateRequested = z.object({ runId: z.string().min(1), teamId: z.string().min(1) });

/**
 * The Inngest function for one plan's "app/generate.requested" events, running the same workflow as the embedded
 * runner. A failed attempt hands the run back to the queue and throws inside the "generate" step,
 * so Inngest's step retry claims it again; the last attempt fails the run itself. `onFailure`
 * covers what the workflow could not (a crashed worker, a bad event) and is idempotent: the
 * run fails once, the refund happens once.
 */
export function createGenerateFunction(
  getDeps: () => Promise<WorkflowDeps> | WorkflowDeps = createWorkflowDeps,
  plan: Plan = "FREE",
) {
  return inngest.createFunction(
    {
      id: `generate-ui-${plan.toLowerCase()}`,
      name: `Generate a UI from a prompt (${PLANS[plan].label} plan)`,
      triggers: [{ event: GENERATE_REQUESTED_EVENT, if: PLAN_FILTERS[plan] }],
      // Inngest retries a failed step; together with the first try that is MAX_RUN_ATTEMPTS claims.
      retries: (MAX_RUN_ATTEMPTS - 1) as InngestRetries,
      concurrency: { key: "event.data.teamId", limit: PLANS[plan].concurrentRuns },
      onFailure: async ({ event, error }) => {
        const original = generateRequested.safeParse(event.data.event.data);
        if (!original.success) return { kind: "ignored" as const };
        const deps = await getDeps();
        const staleBefore = new Date(Date.now() - deps.settings.staleAfterMs);
        return failRun(deps.db, original.data.runId, `The generation failed: ${error.message}`, { heartbeatBefore: staleBefore });
      },
    },
    async ({ event, step }) => {
      const data = generateRequested.safeParse(event.data);
      if (!data.success) throw new NonRetriableError(`Invalid ${GENERATE_REQUESTED_EVENT} event: ${data.error.message}`);
      return runGenerateWorkflow(await getDeps(), data.data, inngestWorkflowSteps(step));
    },
  );
}

export const generateFunctions = (Object.keys(PLAN_FILTERS) as Plan[]).map((plan) => createGenerateFunction(createWorkflowDeps, plan));

export const functions = generateFunctions;
