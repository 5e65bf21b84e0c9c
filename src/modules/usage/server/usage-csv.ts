import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { assertCan, can } from "@/modules/teams/server/permissions";
import { monthRange } from "./usage-month";

type RunRow = {
  createdAt: Date;
  email: string | null;
  name: string | null;
  project: string;
  status: string;
  model: string | null;
  modelCalls: number;
  promptTokens: number;
  completionTokens: number;
  durationSeconds: number | null;
  credits: number;
};

const COLUMNS = [
  "created_at",
  "user_email",
  "user_name",
  "project",
  "status",
  "model",
  "model_calls",
  "prompt_tokens",
  "completion_tokens",
  "duration_seconds",
  "credits",
] as const;

/**
 * One CSV line per run of the month, under the same visibility rule as the usage page: owners
 * and admins export everyone's runs, members their own.
 */
export async function teamUsageCsv(db: Db, auth: AuthContext, month: string): Promise<string> {
  assertCan(auth.role, "usage.viewOwn");
  const own = !can(auth.role, "usage.viewAll");
  const { start, end } = monthRange(month);
  const rows = await db.$queryRaw<RunRow[]>`
    SELECT r."createdAt", u."email", u."name", p."name" AS "project", r."status"::text AS "status", r."model",
      r."modelCalls", r."promptTokens", r."completionTokens",
      ROUND(EXTRACT(EPOCH FROM (r."finishedAt" - r."startedAt")))::int AS "durationSeconds",
      (SELECT COALESCE(-SUM(e."amount"), 0)::int FROM "CreditLedgerEntry" e
        WHERE e."runId" = r."id" AND e."kind" IN ('RESERVE', 'REFUND')) AS "credits"
    FROM "Run" r
    JOIN "Project" p ON p."id" = r."projectId"
    LEFT JOIN "User" u ON u."id" = r."createdById"
    WHERE r."teamId" = ${auth.teamId} AND r."createdAt" >= ${start} AND r."createdAt" < ${end}
      AND (${!own} OR r."createdById" = ${auth.userId})
    ORDER BY r."createdAt"`;
  const lines = rows.map((r) =>
    [
      r.createdAt.toISOString(),
      r.email,
      r.name,
      r.project,
      r.status,
      r.model,
      r.modelCalls,
      r.promptTokens,
      r.completionTokens,
      r.durationSeconds,
      r.credits,
    ]
      .map(csvCell)
      .join(","),
  );
  return [COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}

/** RFC 4180 quoting; text starting like a formula is prefixed with ' so spreadsheets show it as text. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
