import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES } from "@/modules/sandbox/server/paths";
import { formatBytes } from "@/modules/sandbox/server/paths";
import { describeProblem, type CheckVerdict } from "./problems";

/** Longest report the agent gets: the errors, not a log. */
const MAX_REPORT_CHARS = 2_000;

/**
 * What the agent is told in a fix round, appended to the original request: the check's problems
 * (file and line where known, capped), and what to do next.
 */
export function problemsFeedback(verdict: CheckVerdict, round: number, rounds: number): string {
  const lines = verdict.problems.map((p, i) => `${i + 1}. ${describeProblem(p)}${p.viewports.length === 1 ? ` (at ${p.viewports[0]} size)` : ""}`);
  const more = verdict.totalProblems > verdict.problems.length ? `\n…and ${verdict.totalProblems - verdict.problems.length} more.` : "";
  let list = lines.join("\n");
  if (list.length > MAX_REPORT_CHARS) list = `${list.slice(0, MAX_REPORT_CHARS - 1)}…`;
  return [
    `Fix round ${round} of ${rounds}. You already worked on this request: the app directory holds your result.`,
    "An automatic check opened index.html in a browser at desktop (1280×800) and phone (390×844) sizes and found these problems:",
    `${list}${more}`,
    "Read the files involved, fix the causes (keep everything else as it is), then reply with a short <task_summary> again. Links to the app's own files must be relative (\"styles.css\", not \"/styles.css\"); the page cannot load anything from the internet.",
  ].join("\n\n");
}

/** What the agent is told when its files are exactly what the run started from. */
export function noChangeFeedback(firstRun: boolean): string {
  const base = firstRun ? "the starter template" : "the previous version";
  return [
    `Your work did not change any file: the app directory still holds exactly ${base}.`,
    "Make the changes the request asks for with createOrUpdateFiles, then reply with <task_summary>.",
    `If a write was refused, its error says which limit was hit: at most ${MAX_FILES} files, ${formatBytes(MAX_FILE_BYTES)} per file and ${formatBytes(MAX_TOTAL_BYTES)} in total — split large files and write fewer files per call.`,
  ].join(" ");
}
