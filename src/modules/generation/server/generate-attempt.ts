import { claimRun, type ClaimedRun } from "@/modules/runs/server/claim";
import { failRun } from "@/modules/runs/server/fail-run";
import { releaseRun } from "@/modules/runs/server/lease";
import { appendProgress, progressEntry } from "@/modules/runs/server/progress";
import { SandboxError, type Sandbox } from "@/modules/sandbox/server/port";
import type { SavedCheck } from "@/modules/check/server/saved-check";
import { runCodeAgent } from "./agent/code-agent";
import { GenerationError, RunStoppedError } from "./agent/errors";
import { startAttemptDeadline, type AttemptDeadline } from "./attempt-deadline";
import { checkStep } from "./check-step";
import { keepSandboxAlive } from "./keep-sandbox-alive";
import { MODEL_NOT_CONFIGURED_MESSAGE, type ModelConfig } from "./model-config";
import { modelForRun } from "./run-model";
import { NO_USAGE } from "@/modules/usage/server/model-usage";
import { recordRunUsage } from "@/modules/usage/server/record-usage";
import { loadRunContext } from "./prompt-context";
import { startRunReporter, type RunReporter } from "./run-reporter";
import { collectAppFiles, restoreProjectFiles, type ProjectFiles } from "./sandbox-files";
import type { WorkflowDeps } from "./workflow-deps";

/** Port inside the sandbox where a template's dev server listens, if it has one. */
const SANDBOX_APP_PORT = 3000;

export type GeneratedResult = {
  kind: "generated";
  runId: string;
  attempt: number;
  request: string;
  summary: string;
  files: ProjectFiles;
  sandboxId: string;
  sandboxUrl: string | null;
  /** The page check's verdict and screenshots (null when the check is off). */
  check: SavedCheck | null;
};
export type AttemptOutcome = GeneratedResult | { kind: "skipped"; reason: string } | { kind: "failed"; reason: string };

/** Thrown after a failed attempt was handed back to the queue: the job runner retries it. */
export class RetryableAttemptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryableAttemptError";
  }
}

/**
 * One attempt at a run: claim it, build in a fresh sandbox with the agent, and read the files
 * back. Failures end here: a retryable one with attempts left hands the run back to the queue
 * and throws (the runner retries); anything else fails the run with its reason and refund.
 */
export async function generateAttempt(deps: WorkflowDeps, runId: string): Promise<AttemptOutcome> {
  const { settings } = deps;
  const claim = await claimRun(deps.db, runId, { staleAfterMs: settings.staleAfterMs, maxAttempts: settings.maxAttempts });
  if (claim.kind === "not-claimable") return { kind: "skipped", reason: `run is ${claim.status ?? "missing"}` };
  if (claim.kind === "exhausted") {
    const reason = `The generation could not be completed after ${claim.attempt} attempts.`;
    await failRun(deps.db, runId, reason, { heartbeatBefore: new Date(Date.now() - settings.staleAfterMs) });
    return { kind: "failed", reason };
  }

  const run = claim.run;
  const reporter = startRunReporter(deps.db, run.id, run.attempt, settings.heartbeatMs);
  reporter.report("note", run.attempt > 1 ? `Attempt ${run.attempt} started` : "Started");
  const deadline = startAttemptDeadline(settings, run.startedAt);
  // The agent stops alike when the run is lost (cancelled, taken over) and when its time is up.
  const stop = AbortSignal.any([reporter.signal, deadline.signal]);
  let sandbox: Sandbox | null = null;
  let keepSandbox = false;
  let keeper: { stop(): void } | null = null;
  let model: ModelConfig | null = null;
  const usage = { ...NO_USAGE };
  let usageSaved = false;
  // Once per attempt and before the run can be seen finished, so a FAILED run already shows its usage.
  const saveUsage = async () => {
    if (!model || usageSaved) return;
    usageSaved = true;
    await recordRunUsage(deps.db, run.id, model.model, usage).catch((error) => console.error(`[generation] could not record usage of run ${run.id}:`, error));
  };
  try {
    if (stop.aborted) throw new RunStoppedError();
    if (!deps.model) throw new GenerationError(MODEL_NOT_CONFIGURED_MESSAGE, false);
    model = await modelForRun(deps.db, deps.model, run.id);
    const context = await loadRunContext(deps.db, run);
    sandbox = await deps.sandboxes.create({ template: settings.sandboxTemplate, timeoutMs: settings.sandboxTimeoutMs });
    keeper = keepSandboxAlive(sandbox, settings.sandboxTimeoutMs);
    if (context.previousFiles) await restoreProjectFiles(sandbox, context.previousFiles);
    reporter.report("note", context.previousFiles ? "Sandbox ready with the current version" : "Sandbox ready");

    // What "no change" means: the version this run started from, or the template.
    const baseline = context.previousFiles ?? (await collectAppFiles(sandbox));

    const [active, runModel] = [sandbox, model];
    // One agent round; fix rounds after the page check run in the same attempt and credit.
    const agentRound = (prompt: string) =>
      runCodeAgent({
        model: runModel,
        sandbox: active,
        prompt,
        maxIterations: settings.maxIterations,
        modelTimeoutMs: settings.modelTimeoutMs,
        commandTimeoutMs: settings.commandTimeoutMs,
        maxToolCallsPerTurn: settings.maxToolCallsPerTurn,
        signal: stop,
        report: reporter.report,
        // Every round's calls count towards the run's usage.
        onModelResponse: ({ promptTokens, completionTokens }) => {
          usage.modelCalls += 1;
          usage.promptTokens += promptTokens;
          usage.completionTokens += completionTokens;
        },
      });
    const { summary } = await agentRound(context.agentPrompt);
    if (stop.aborted) throw new RunStoppedError();
    const { files, check } = await checkStep({
      sandbox,
      baseline,
      firstRun: !context.previousFiles,
      enabled: settings.pageCheck,
      maxFixRounds: settings.maxFixRounds,
      signal: stop,
      runAgent: (feedback) => agentRound(`${context.agentPrompt}\n\n${feedback}`),
      report: (detail) => reporter.report("note", detail),
    });
    await saveUsage();
    if (stop.aborted) throw new RunStoppedError();
    reporter.report("note", "Saving the result");
    const sandboxUrl = sandbox.previewUrl(SANDBOX_APP_PORT);
    if (sandboxUrl) {
      // The live URL is only useful while the sandbox exists: let it expire on its own.
      await sandbox.setTimeout(settings.sandboxKeepAliveMs);
      keepSandbox = true;
    }
    await reporter.flush();
    return { kind: "generated", runId, attempt: run.attempt, request: context.request, summary, files, sandboxId: sandbox.id, sandboxUrl, check };
  } catch (error) {
    await reporter.flush();
    await saveUsage();
    return await endFailedAttempt(deps, run, reporter, deadline, error);
  } finally {
    deadline.clear();
    keeper?.stop();
    reporter.stop();
    if (sandbox && !keepSandbox) {
      await sandbox.kill().catch((error) => console.error(`[generation] could not kill sandbox ${sandbox?.id}:`, error));
    }
  }
}

async function endFailedAttempt(
  deps: WorkflowDeps,
  run: ClaimedRun,
  reporter: RunReporter,
  deadline: AttemptDeadline,
  error: unknown,
): Promise<AttemptOutcome> {
  if (reporter.signal.aborted || (error instanceof RunStoppedError && !deadline.signal.aborted)) {
    return { kind: "skipped", reason: "the run was taken over or cancelled" };
  }
  const failure = deadline.signal.aborted ? deadline.error() : error instanceof GenerationError ? error : unexpected(error);
  if (failure.retryable && run.attempt < deps.settings.maxAttempts) {
    console.warn(`[generation] run ${run.id} attempt ${run.attempt} failed, retrying:`, error);
    const note = progressEntry("note", `Attempt ${run.attempt} failed: ${failure.message} Retrying…`);
    await appendProgress(deps.db, run.id, run.attempt, [note]);
    if (await releaseRun(deps.db, run.id, run.attempt)) {
      throw new RetryableAttemptError(failure.message, { cause: error });
    }
    return { kind: "skipped", reason: "the run was taken over or cancelled" };
  }
  console.error(`[generation] run ${run.id} failed on attempt ${run.attempt}:`, error);
  await failRun(deps.db, run.id, failure.message, { attempt: run.attempt });
  return { kind: "failed", reason: failure.message };
}

function unexpected(error: unknown): GenerationError {
  // The user gets what happened and what to do; the details are in the cause (logged by the worker).
  const reason =
    error instanceof SandboxError
      ? "The workspace where Ollio builds your page stopped working. Try again in a moment."
      : "Something went wrong while building your page. Try again in a moment.";
  return new GenerationError(reason, true, { cause: error });
}
