import { checkAndFix } from "@/modules/check/server/check-and-fix";
import { runPageCheck } from "@/modules/check/server/run-page-check";
import { savedCheckFrom, type SavedCheck } from "@/modules/check/server/saved-check";
import type { Sandbox } from "@/modules/sandbox/server/port";
import { AgentDidNotFinishError, GenerationError, RunStoppedError } from "./agent/errors";
import { collectAppFiles, type ProjectFiles } from "./sandbox-files";

export type CheckStepInput = {
  sandbox: Sandbox;
  baseline: ProjectFiles;
  firstRun: boolean;
  enabled: boolean;
  maxFixRounds: number;
  signal: AbortSignal;
  /** One more agent round in the same sandbox, the request followed by `feedback`. */
  runAgent: (feedback: string) => Promise<unknown>;
  report: (detail: string) => void;
};

/**
 * The step between the agent and saving: the no-change guard and the page check with its bounded
 * fix loop (src/modules/check). Returns the files to save and the check to store with them;
 * throws a non-retryable GenerationError (the run fails, the credit is refunded) when the result
 * is unusable.
 */
export async function checkStep(input: CheckStepInput): Promise<{ files: ProjectFiles; check: SavedCheck | null }> {
  const outcome = await checkAndFix({
    baseline: input.baseline,
    firstRun: input.firstRun,
    collectFiles: () => collectAppFiles(input.sandbox),
    check: input.enabled ? (files) => runPageCheck(input.sandbox, files) : null,
    maxExtraRounds: input.maxFixRounds,
    report: input.report,
    fixRound: async (feedback) => {
      if (input.signal.aborted) throw new RunStoppedError();
      try {
        await input.runAgent(feedback);
      } catch (error) {
        // A fix round that ran out of steps still leaves its files: the next check judges them.
        if (!(error instanceof AgentDidNotFinishError)) throw error;
      }
      if (input.signal.aborted) throw new RunStoppedError();
    },
  });
  if (outcome.kind === "failed") throw new GenerationError(outcome.reason, false);
  return { files: outcome.files, check: savedCheckFrom(outcome.verdict) };
}
