/**
 * Failures of one agent attempt, each with what the user is told and whether retrying can help.
 * The message is for the person who typed the prompt, not for a developer: what happened and what
 * to do, in plain words. The technical detail stays in `cause`, which the worker logs.
 */
export class GenerationError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GenerationError";
  }
}

export class ModelTimeoutError extends GenerationError {
  constructor(timeoutMs: number) {
    super(`The AI took too long to answer (more than ${Math.round(timeoutMs / 1000)} seconds). Try again in a moment.`, true);
    this.name = "ModelTimeoutError";
  }
}

/** The model kept working (or kept talking) without ever finishing: retrying would repeat that. */
export class AgentDidNotFinishError extends GenerationError {
  constructor(readonly maxIterations: number) {
    super("The AI kept working without finishing the page, so Ollio stopped it. Try again, perhaps with a shorter or more specific request.", false);
    this.name = "AgentDidNotFinishError";
  }
}

/** This attempt no longer owns the run (the sweeper took it back, or it was cancelled). */
export class RunStoppedError extends Error {
  constructor() {
    super("This attempt no longer holds the run.");
    this.name = "RunStoppedError";
  }
}

/**
 * A plain reason for an error thrown by an agent-kit inference (HTTP, parsing, unknown tool). What
 * exactly went wrong (the host, the status, the model's words) is for whoever runs Ollio: it is in
 * the cause, which the worker logs; the user learns that the AI service failed and what to do.
 */
export function modelCallError(error: unknown, baseUrl: string): GenerationError {
  const message = error instanceof Error ? error.message : String(error);
  let reason: string;
  if (error instanceof TypeError && /fetch failed/i.test(message)) {
    reason = `Ollio could not reach the AI service. Try again in a moment; if it keeps happening, ask whoever runs this Ollio to check its AI settings.`;
  } else if (error instanceof SyntaxError) {
    reason = `The AI service answered with something Ollio cannot read. Ask whoever runs this Ollio to check its AI settings (OPENAI_BASE_URL at ${safeHost(baseUrl)}).`;
  } else if (/Failed to parse JSON/i.test(message) || /non-existent tool/i.test(message)) {
    reason = "The AI sent a garbled answer. Try again; rewording your request can help.";
  } else {
    reason = "The AI service reported an error. Try again in a moment.";
  }
  return new GenerationError(reason, true, { cause: error });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the configured URL";
  }
}
