import { AppError } from "@/lib/errors";
import { creditPeriodFor, PLANS } from "./plans";
import { withTransaction, type DbClient } from "./transaction";

/**
 * The team's CreditBalance for the current period, created on first use together with its GRANT
 * ledger entry. Concurrent first calls are safe: the insert is `ON CONFLICT DO NOTHING` on
 * (teamId, periodStart), so exactly one caller creates the row and grants the credits.
 */
export async function ensureCurrentBalance(db: DbClient, teamId: string, now = new Date()) {
  const { periodStart, periodEnd } = creditPeriodFor(now);
  const key = { teamId_periodStart: { teamId, periodStart } };
  const existing = await db.creditBalance.findUnique({ where: key });
  if (existing) return existing;

  return withTransaction(db, async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { plan: true } });
    if (!team) throw new AppError("NOT_FOUND", "Team not found.");
    const granted = PLANS[team.plan].monthlyCredits;
    const [created] = await tx.creditBalance.createManyAndReturn({
      data: [{ teamId, periodStart, periodEnd, granted, balance: granted }],
      skipDuplicates: true,
    });
    if (!created) return tx.creditBalance.findUniqueOrThrow({ where: key });
    await tx.creditLedgerEntry.create({
      data: {
        teamId,
        balanceId: created.id,
        kind: "GRANT",
        amount: granted,
        note: `${PLANS[team.plan].label} plan credits for ${periodStart.toISOString().slice(0, 7)}`,
      },
    });
    return created;
  });
}
