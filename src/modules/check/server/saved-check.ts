import type { Prisma } from "@/generated/prisma/client";
import type { CheckProblem, CheckScreenshot, CheckVerdict } from "./problems";

/** What a run hands to save-result about its check (JSON-safe: Inngest memoises step results). */
export type SavedCheck = {
  status: "passed" | "problems" | "skipped";
  problems: CheckProblem[];
  note: string | null;
  screenshots: CheckScreenshot[];
};

export type ScreenshotMeta = Omit<CheckScreenshot, "data">;

export function savedCheckFrom(verdict: CheckVerdict | null): SavedCheck | null {
  if (!verdict) return null;
  const status = verdict.status === "passed" || verdict.status === "skipped" ? verdict.status : "problems";
  return { status, problems: verdict.problems, note: verdict.note ?? null, screenshots: verdict.screenshots };
}

/** The Fragment columns for a check (all null when the run was not checked). */
export function fragmentCheckColumns(check: SavedCheck | null) {
  const shot = (viewport: string) => {
    const found = check?.screenshots.find((s) => s.viewport === viewport);
    return found ? new Uint8Array(Buffer.from(found.data, "base64")) : null;
  };
  const meta: ScreenshotMeta[] = (check?.screenshots ?? []).map(({ data: _data, ...rest }) => rest);
  return {
    checkStatus: check?.status ?? null,
    problems: check ? (check.problems as unknown as Prisma.InputJsonValue) : undefined,
    checkNote: check?.note ?? null,
    screenshots: meta.length > 0 ? (meta as unknown as Prisma.InputJsonValue) : undefined,
    screenshotDesktop: shot("desktop"),
    screenshotPhone: shot("phone"),
  };
}
