/** Shared by the server (prompts, progress) and the UI (the problems list): no server imports. */

export type ProblemKind = "exception" | "console-error" | "missing-file" | "csp" | "load" | "blank" | "missing-entry";

/** One problem of a checked version, merged across viewports. Stored in Fragment.problems. */
export type CheckProblem = {
  kind: ProblemKind;
  message: string;
  /** App-relative file ("script.js"), or the absolute path the page asked for ("/styles.css"). */
  file?: string;
  line?: number;
  column?: number;
  /** The viewports it showed up at ("desktop", "phone"). */
  viewports: string[];
};

const LABELS: Record<ProblemKind, string> = {
  exception: "Error",
  "console-error": "Console error",
  "missing-file": "Missing file",
  csp: "Blocked by the preview's security policy",
  load: "Loading problem",
  blank: "Blank page",
  "missing-entry": "No page",
};

/** One problem in plain words with where it happened: "Error — script.js, line 3: TypeError: …". */
export function describeProblem(problem: CheckProblem): string {
  const where = problem.file && problem.kind !== "missing-file" ? `${problem.file}${problem.line ? `, line ${problem.line}` : ""}: ` : "";
  return `${LABELS[problem.kind]} — ${where}${problem.message}`;
}

/** The follow-up prompt the "Fix these" button sends (within the prompt limit). */
export function fixThesePrompt(problems: CheckProblem[], maxLength: number): string {
  const intro = "Please fix these problems the automatic check found in the current version, and keep everything else as it is:";
  let text = intro;
  for (const [index, problem] of problems.entries()) {
    const line = `\n${index + 1}. ${describeProblem(problem)}`;
    if (text.length + line.length > maxLength) break;
    text += line;
  }
  return text;
}
