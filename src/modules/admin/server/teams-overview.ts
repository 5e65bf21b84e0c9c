import type { Plan } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { creditPeriodFor, PLANS } from "@/modules/credits/server/plans";

export type TeamOverview = {
  id: string;
  name: string;
  plan: Plan;
  personal: boolean;
  ownerEmail: string | null;
  members: number;
  /** This period's balance; a team that has not spent yet this month has its plan's credits. */
  balance: number;
  granted: number;
  runsThisMonth: number;
  creditsUsedThisMonth: number;
  tokensThisMonth: number;
};

const LIMIT = 100;

/**
 * Every team (newest first, optionally filtered by name or owner email) with plan, members,
 * balance and this month's usage — one SQL statement, aggregated per team in the database.
 */
export async function listTeamsOverview(db: Db, { search = "" }: { search?: string } = {}, now = new Date()): Promise<TeamOverview[]> {
  const { periodStart, periodEnd } = creditPeriodFor(now);
  const pattern = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<(Omit<TeamOverview, "balance" | "granted"> & { balance: number | null; granted: number | null })[]>`
    SELECT t."id", t."name", t."plan", t."personal", o."email" AS "ownerEmail",
      (SELECT COUNT(*)::int FROM "Membership" m WHERE m."teamId" = t."id") AS "members",
      b."balance", b."granted",
      COALESCE(u."runs", 0)::int AS "runsThisMonth",
      COALESCE(u."tokens", 0)::int AS "tokensThisMonth",
      COALESCE((SELECT -SUM(e."amount") FROM "CreditLedgerEntry" e
        WHERE e."balanceId" = b."id" AND e."kind" IN ('RESERVE', 'REFUND')), 0)::int AS "creditsUsedThisMonth"
    FROM "Team" t
    LEFT JOIN "CreditBalance" b ON b."teamId" = t."id" AND b."periodStart" = ${periodStart}
    LEFT JOIN LATERAL (
      SELECT usr."email" FROM "Membership" m JOIN "User" usr ON usr."id" = m."userId"
      WHERE m."teamId" = t."id" AND m."role" = 'OWNER' ORDER BY m."createdAt" LIMIT 1
    ) o ON true
    LEFT JOIN LATERAL (
      SELECT COUNT(*) AS "runs", SUM(r."promptTokens" + r."completionTokens") AS "tokens" FROM "Run" r
      WHERE r."teamId" = t."id" AND r."createdAt" >= ${periodStart} AND r."createdAt" < ${periodEnd}
    ) u ON true
    WHERE t."name" ILIKE ${pattern} OR o."email" ILIKE ${pattern}
    ORDER BY t."createdAt" DESC
    LIMIT ${LIMIT}`;
  return rows.map((row) => ({
    ...row,
    balance: row.balance ?? PLANS[row.plan].monthlyCredits,
    granted: row.granted ?? PLANS[row.plan].monthlyCredits,
  }));
}
