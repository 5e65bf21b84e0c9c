import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { assertCan, can } from "@/modules/teams/server/permissions";
import { monthRange } from "./usage-month";

export type UsageTotals = {
  runs: number;
  failures: number;
  credits: number;
  promptTokens: number;
  completionTokens: number;
  /** Summed wall-clock of finished runs (startedAt → finishedAt), in seconds. */
  durationSeconds: number;
};
export type DayUsage = UsageTotals & { day: string };
export type MemberUsage = UsageTotals & { userId: string | null; name: string | null; email: string | null };

export type TeamUsageReport = {
  month: string;
  /** "all": one row per member (owners, admins); "own": the caller's row only (members). */
  scope: "all" | "own";
  days: DayUsage[];
  members: MemberUsage[];
  total: UsageTotals;
};

/**
 * A month of the team's usage, aggregated in SQL: per UTC day and per person who ran. A run's
 * credits are what its ledger entries took and gave back (1 once committed or while in flight,
 * 0 after a refund). Owners and admins see every member; members see their own row, and like
 * everyone the team's daily totals.
 */
export async function teamUsageReport(db: Db, auth: AuthContext, month: string): Promise<TeamUsageReport> {
  assertCan(auth.role, "usage.viewOwn");
  const all = can(auth.role, "usage.viewAll");
  const { start, end } = monthRange(month);
  const runs = runsOf(auth.teamId, start, end);

  const [days, people, [total]] = await Promise.all([
    db.$queryRaw<DayUsage[]>`${runs}
      SELECT to_char(date_trunc('day', r."createdAt"), 'YYYY-MM-DD') AS "day", ${TOTALS}
      FROM runs r GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<MemberUsage[]>`${runs}
      SELECT r."createdById" AS "userId", u."name", u."email", ${TOTALS}
      FROM runs r LEFT JOIN "User" u ON u."id" = r."createdById"
      ${all ? Prisma.empty : Prisma.sql`WHERE r."createdById" = ${auth.userId}`}
      GROUP BY r."createdById", u."name", u."email"`,
    db.$queryRaw<UsageTotals[]>`${runs} SELECT ${TOTALS} FROM runs r`,
  ]);
  return { month, scope: all ? "all" : "own", days, members: await withIdleMembers(db, auth, all, people), total: total ?? ZERO };
}

const ZERO: UsageTotals = { runs: 0, failures: 0, credits: 0, promptTokens: 0, completionTokens: 0, durationSeconds: 0 };

// `runs`: the team's runs created in [start, end), each with the credits its ledger entries moved.
function runsOf(teamId: string, start: Date, end: Date) {
  return Prisma.sql`WITH runs AS (
    SELECT r."createdAt", r."createdById", r."status", r."promptTokens", r."completionTokens", r."startedAt", r."finishedAt", c."credits"
    FROM "Run" r
    LEFT JOIN LATERAL (
      SELECT COALESCE(-SUM(e."amount"), 0) AS "credits" FROM "CreditLedgerEntry" e
      WHERE e."runId" = r."id" AND e."kind" IN ('RESERVE', 'REFUND')
    ) c ON true
    WHERE r."teamId" = ${teamId} AND r."createdAt" >= ${start} AND r."createdAt" < ${end}
  )`;
}

const TOTALS = Prisma.sql`
  COUNT(*)::int AS "runs",
  (COUNT(*) FILTER (WHERE r."status" = 'FAILED'))::int AS "failures",
  COALESCE(SUM(r."credits"), 0)::int AS "credits",
  COALESCE(SUM(r."promptTokens"), 0)::int AS "promptTokens",
  COALESCE(SUM(r."completionTokens"), 0)::int AS "completionTokens",
  COALESCE(ROUND(SUM(EXTRACT(EPOCH FROM (r."finishedAt" - r."startedAt")))), 0)::int AS "durationSeconds"`;

/** Members who ran nothing this month still get a (zero) row; people who left keep theirs. */
async function withIdleMembers(db: Db, auth: AuthContext, all: boolean, rows: MemberUsage[]): Promise<MemberUsage[]> {
  const members = await db.membership.findMany({
    where: { teamId: auth.teamId, ...(all ? {} : { userId: auth.userId }) },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const seen = new Set(rows.map((r) => r.userId));
  const idle = members.filter((m) => !seen.has(m.user.id)).map((m) => ({ ...ZERO, userId: m.user.id, name: m.user.name, email: m.user.email }));
  return [...rows, ...idle].sort((a, b) => b.credits - a.credits || b.runs - a.runs || (a.email ?? "").localeCompare(b.email ?? ""));
}
