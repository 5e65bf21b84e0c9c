import type { CheckProblem } from "../problem-text";
import type { ScreenshotMeta } from "./saved-check";

/** A version's check as lists show it: typed problems and screenshot sizes, never the bytes. */
export type CheckSummary = {
  checkStatus: "passed" | "problems" | "skipped" | null;
  problems: CheckProblem[];
  screenshots: ScreenshotMeta[];
};

export function checkSummary(row: { checkStatus: string | null; problems: unknown; screenshots: unknown }): CheckSummary {
  return {
    checkStatus: row.checkStatus as CheckSummary["checkStatus"],
    problems: Array.isArray(row.problems) ? (row.problems as CheckProblem[]) : [],
    screenshots: Array.isArray(row.screenshots) ? (row.screenshots as ScreenshotMeta[]) : [],
  };
}
