import { noChangeFeedback, problemsFeedback } from "./agent-feedback";
import { countProblems, isFatal, type CheckVerdict } from "./problems";
import { sameFiles } from "./same-files";

type Files = Record<string, string>;

export type CheckAndFixInput = {
  /** The files the run started from: the previous version, or the template for a first run. */
  baseline: Files;
  firstRun: boolean;
  /** Reads the app directory as it is now. */
  collectFiles: () => Promise<Files>;
  /** Checks the current files (null: the check is turned off). */
  check: ((files: Files) => Promise<CheckVerdict>) | null;
  /** One more agent round with `feedback` appended to the request; resolves when the agent is done. */
  fixRound: (feedback: string) => Promise<void>;
  /** Rounds the agent may get after its first one, shared by fixes and the no-change retry. */
  maxExtraRounds: number;
  /** A progress note in plain words. */
  report: (detail: string) => void;
};

export type CheckAndFixOutcome =
  | { kind: "done"; files: Files; verdict: CheckVerdict | null; extraRounds: number }
  | { kind: "failed"; reason: string; extraRounds: number };

export const NO_CHANGES_REASON = "The AI made no changes.";

/**
 * After the agent's first round: make sure the result is a change and a page that works, giving
 * the agent up to `maxExtraRounds` more rounds (within the same credit) to fix what the check
 * finds. Ends with the files to save (with any problems that remain), or a failure reason for a
 * result nobody can use — no change at all, no index.html, a blank page.
 */
export async function checkAndFix(input: CheckAndFixInput): Promise<CheckAndFixOutcome> {
  let extraRounds = 0;
  let toldNoChange = false;
  for (;;) {
    const files = await input.collectFiles();
    const roundsLeft = extraRounds < input.maxExtraRounds;

    if (sameFiles(files, input.baseline)) {
      if (toldNoChange || !roundsLeft) {
        input.report("The AI made no changes");
        return { kind: "failed", reason: NO_CHANGES_REASON, extraRounds };
      }
      toldNoChange = true;
      extraRounds += 1;
      input.report("No file changed yet, asking the AI again");
      await input.fixRound(noChangeFeedback(input.firstRun));
      continue;
    }

    if (!input.check) return { kind: "done", files, verdict: null, extraRounds };
    input.report("Checking the result…");
    const verdict = await input.check(files);
    if (verdict.status === "skipped") {
      input.report(`Could not check the result (${verdict.note ?? "no browser"}); saving it unchecked`);
      return { kind: "done", files, verdict, extraRounds };
    }
    if (verdict.status === "passed") {
      input.report("Checking the result… no problems found");
      return { kind: "done", files, verdict, extraRounds };
    }
    if (roundsLeft) {
      extraRounds += 1;
      input.report(`Checking the result… found ${countProblems(verdict)}, fixing`);
      await input.fixRound(problemsFeedback(verdict, extraRounds, input.maxExtraRounds));
      continue;
    }
    if (isFatal(verdict)) {
      const reason =
        verdict.status === "blank"
          ? "The page the AI built stays blank: nothing is visible on it."
          : "The AI did not create an index.html page.";
      input.report(reason);
      return { kind: "failed", reason, extraRounds };
    }
    input.report(`Checking the result… ${countProblems(verdict)} left; saving the version with them listed`);
    return { kind: "done", files, verdict, extraRounds };
  }
}
