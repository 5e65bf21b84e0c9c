import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { ensureCurrentBalance } from "./balance";
import { creditPeriodFor } from "./plans";

const renewalDate = new Intl.DateTimeFormat("en", { month: "long", day: "numeric", timeZone: "UTC" });

/**
 * Takes one credit for `runId` inside the caller's transaction. The decrement is a single
 * conditional UPDATE (… WHERE balance >= 1), so concurrent requests queue on the row lock and
 * can never spend more than the balance; the CHECK (balance >= 0) backs this up in the database.
 * Only when it matches nothing is the period's balance looked up (and created, on the month's
 * first request) to retry once or explain the refusal.
 */
export async function reserveCredit(
  tx: Prisma.TransactionClient,
  { teamId, userId, runId }: { teamId: string; userId: string; runId: string },
  now = new Date(),
) {
  const { periodStart } = creditPeriodFor(now);
  let balanceId = await takeOne(tx, teamId, periodStart);
  if (!balanceId) {
    const balance = await ensureCurrentBalance(tx, teamId, now);
    if (balance.balance >= 1) balanceId = await takeOne(tx, teamId, periodStart);
    if (!balanceId) {
      throw new AppError(
        "PAYMENT_REQUIRED",
        `Your team has used all ${balance.granted} credits for this month. Credits renew on ${renewalDate.format(balance.periodEnd)}.`,
      );
    }
  }
  await tx.creditLedgerEntry.create({ data: { teamId, balanceId, kind: "RESERVE", amount: -1, runId, userId } });
}

async function takeOne(tx: Prisma.TransactionClient, teamId: string, periodStart: Date): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "CreditBalance" SET "balance" = "balance" - 1, "updatedAt" = ${new Date()}
    WHERE "teamId" = ${teamId} AND "periodStart" = ${periodStart} AND "balance" >= 1
    RETURNING "id"`;
  return row?.id ?? null;
}
