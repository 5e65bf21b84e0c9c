import type { Db } from "@/lib/db/client";
import { PROGRESS_DETAIL_MAX, PROGRESS_LIMIT } from "./run-policy";

export type ProgressKind = "file" | "command" | "note";
export type ProgressEntry = { at: string; kind: ProgressKind; detail: string };

export function progressEntry(kind: ProgressKind, detail: string, at = new Date()): ProgressEntry {
  const oneLine = detail.replace(/\s+/g, " ").trim();
  const clipped = oneLine.length > PROGRESS_DETAIL_MAX ? `${oneLine.slice(0, PROGRESS_DETAIL_MAX - 1)}…` : oneLine;
  return { at: at.toISOString(), kind, detail: clipped };
}

/**
 * Appends entries to Run.progress, keeping only the newest PROGRESS_LIMIT, in one UPDATE. Only
 * the attempt holding the run may write; the write doubles as a heartbeat.
 */
export async function appendProgress(db: Db, runId: string, attempt: number, entries: ProgressEntry[]): Promise<boolean> {
  if (entries.length === 0) return true;
  const count = await db.$executeRaw`
    UPDATE "Run" SET
      "progress" = (
        SELECT COALESCE(jsonb_agg(kept.e ORDER BY kept.n), '[]'::jsonb) FROM (
          SELECT e, n FROM jsonb_array_elements("progress" || ${JSON.stringify(entries)}::jsonb) WITH ORDINALITY AS t(e, n)
          ORDER BY n DESC LIMIT ${PROGRESS_LIMIT}
        ) AS kept
      ),
      "heartbeatAt" = ${new Date()},
      "updatedAt" = ${new Date()}
    WHERE "id" = ${runId} AND "status" = 'RUNNING' AND "attempt" = ${attempt}`;
  return count === 1;
}
