/**
 * The one thing the workflow needs from a job runner: named, individually retried steps. Inngest
 * memoises each step's JSON result across retries; the embedded runner runs steps in place and
 * retries the whole job. The workflow is written so both are correct (see workflow.ts).
 */
export type WorkflowSteps = {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
};

export const inlineSteps: WorkflowSteps = {
  run: (_id, fn) => fn(),
};
