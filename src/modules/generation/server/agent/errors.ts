/** Failures of one agent attempt, each with what the user is told and whether retrying can help. */
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
    super(`The AI model did not answer within ${Math.round(timeoutMs / 1000)} seconds.`, true);
    this.name = "ModelTimeoutError";
  }
}

/** The model kept working (or kept talking) without ever finishing: retrying would repeat that. */
export class AgentDidNotFinishError extends GenerationError {
  constructor(maxIterations: number) {
    super(`The AI did not finish within ${maxIterations} steps (it never sent its <task_summary>).`, false);
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

/** A readable reason for an error thrown by an agent-kit inference (HTTP, parsing, unknown tool). */
export function modelCallError(error: unknown, baseUrl: string): GenerationError {
  const message = error instanceof Error ? error.message : String(error);
  const host = safeHost(baseUrl);
  let reason: string;
  if (error instanceof TypeError && /fetch failed/i.test(message)) {
    const code = (error.cause as { code?: string } | undefined)?.code;
    reason = `Could not reach the AI model at ${host}${code ? ` (${code})` : ""}.`;
  } else if (error instanceof SyntaxError) {
    reason = `The AI model at ${host} sent a reply that is not valid JSON. Check that OPENAI_BASE_URL points at an OpenAI-compatible API.`;
  } else if (/Failed to parse JSON/i.test(message)) {
    reason = "The AI model sent malformed tool-call arguments.";
  } else if (/non-existent tool/i.test(message)) {
    reason = `The AI model called a tool that does not exist (${message.split(":").pop()?.trim()}).`;
  } else {
    reason = `The AI model returned an error: ${message.slice(0, 300)}`;
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
