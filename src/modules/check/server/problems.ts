import type { AppCheckResult, PageProblem } from "@/modules/sandbox/server/port";
import type { CheckProblem } from "../problem-text";

/** The path the in-sandbox server serves the app under (see the sandbox's page-check script). */
const APP_PREFIX = "/f/check/";
/** Problems kept per version: enough to act on, small enough for a prompt and a list. */
export const MAX_PROBLEMS = 10;
const MAX_MESSAGE_CHARS = 300;

export { describeProblem, type CheckProblem, type ProblemKind } from "../problem-text";

export type CheckScreenshot = { viewport: string; width: number; height: number; bytes: number; type: "image/jpeg"; data: string };

/**
 * The check's verdict on one version:
 * - passed / problems: the page loaded; problems lists what went wrong (possibly nothing);
 * - blank / missing-entry: nothing a user could use (fatal: the run fails if it stays so);
 * - skipped: the check could not run (no Chromium in the sandbox…) — the run goes on as before.
 */
export type CheckVerdict = {
  status: "passed" | "problems" | "blank" | "missing-entry" | "skipped";
  problems: CheckProblem[];
  /** How many problems there were before capping at MAX_PROBLEMS. */
  totalProblems: number;
  screenshots: CheckScreenshot[];
  note?: string;
  durationMs?: number;
  /** Chromium's start-up inside the check (ms). */
  launchMs?: number;
  peak?: Extract<AppCheckResult, { kind: "checked" }>["peak"];
};

export function isFatal(verdict: CheckVerdict): boolean {
  return verdict.status === "blank" || verdict.status === "missing-entry";
}

export function missingEntryVerdict(): CheckVerdict {
  const problem: CheckProblem = { kind: "missing-entry", message: "There is no index.html, so there is no page to show.", file: "index.html", viewports: [] };
  return { status: "missing-entry", problems: [problem], totalProblems: 1, screenshots: [] };
}

export function skippedVerdict(reason: string): CheckVerdict {
  return { status: "skipped", problems: [], totalProblems: 0, screenshots: [], note: reason };
}

/** Turns what the browser reported per viewport into one deduplicated, capped verdict. */
export function verdictFrom(result: AppCheckResult): CheckVerdict {
  if (result.kind === "unavailable") return skippedVerdict(result.reason);
  const merged = new Map<string, CheckProblem>();
  const addProblem = (problem: Omit<CheckProblem, "viewports">, viewport: string) => {
    const key = [problem.kind, problem.message, problem.file ?? "", problem.line ?? ""].join("\u0000");
    const known = merged.get(key);
    if (known) {
      if (!known.viewports.includes(viewport)) known.viewports.push(viewport);
    } else merged.set(key, { ...problem, viewports: [viewport] });
  };
  for (const viewport of result.viewports) {
    for (const problem of viewport.problems) addProblem(toCheckProblem(problem), viewport.name);
  }
  const blankAt = result.viewports.filter((v) => v.blank === true).map((v) => v.name);
  const everywhereBlank = blankAt.length > 0 && blankAt.length === result.viewports.length;
  if (blankAt.length > 0 && !everywhereBlank) {
    for (const name of blankAt) addProblem({ kind: "blank", message: `The page shows nothing at ${name} size.` }, name);
  }
  const all = [...merged.values()];
  if (everywhereBlank) all.unshift({ kind: "blank", message: "The page is blank: nothing is visible on it.", viewports: blankAt });
  const screenshots = result.viewports.flatMap((v): CheckScreenshot[] =>
    v.screenshot
      ? [{ viewport: v.name, width: v.screenshot.width, height: v.screenshot.height, bytes: v.screenshot.bytes, type: "image/jpeg", data: v.screenshot.data }]
      : [],
  );
  return {
    status: everywhereBlank ? "blank" : all.length > 0 ? "problems" : "passed",
    problems: all.slice(0, MAX_PROBLEMS),
    totalProblems: all.length,
    screenshots,
    durationMs: result.durationMs,
    launchMs: result.launchMs,
    peak: result.peak,
  };
}

function toCheckProblem(problem: PageProblem): Omit<CheckProblem, "viewports"> {
  const file = problem.url ? appPath(problem.url) : undefined;
  let message = problem.message.replace(/\s+/g, " ").trim();
  // Same-origin URLs in messages ("Loading the script 'http://127.0.0.1:4321/f/check/a.js'…") become app paths.
  message = message.replace(/https?:\/\/127\.0\.0\.1:\d+(\/[^\s'"]*)?/g, (_url, rest: string | undefined) => appPathOf(rest ?? "/"));
  if (problem.kind === "missing-file" && file) {
    message = file.startsWith("/")
      ? `The page loads "${file}", an absolute path that does not exist in the preview; use a relative path ("${file.slice(1)}").`
      : `The page loads "${file}", but there is no such file.`;
  }
  if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
  const located = problem.kind === "exception" || problem.kind === "console-error" || problem.kind === "csp";
  return {
    kind: problem.kind,
    message,
    ...(file ? { file } : {}),
    ...(located && problem.line ? { line: problem.line } : {}),
    ...(located && problem.column ? { column: problem.column } : {}),
  };
}

/** "http://127.0.0.1:4321/f/check/js/app.js?x" → "js/app.js"; outside the app prefix → "/styles.css". */
function appPath(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.hostname !== "127.0.0.1") return url.slice(0, 200);
  return appPathOf(parsed.pathname);
}

function appPathOf(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // keep it encoded
  }
  if (!decoded.startsWith(APP_PREFIX)) return decoded;
  return decoded.slice(APP_PREFIX.length) || "index.html";
}

/** "1 error" / "3 errors": what progress and the UI say. */
export function countProblems(verdict: CheckVerdict): string {
  const n = verdict.totalProblems;
  return `${n} ${n === 1 ? "problem" : "problems"}`;
}
