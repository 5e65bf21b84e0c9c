import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { ensureCurrentBalance } from "./balance";

const renewalDate = new Intl.DateTimeFormat("en", { month: "long", day: "numeric", timeZone: "UTC" });

/**
 * Takes one credit for `runId` inside the caller's transaction. The decrement is a single
 * conditional UPDATE (… WHERE balance >= 1), so concurrent requests queue on the row lock and
 * can never spend more than the balance; the CHECK (balance >= 0) backs this up in the database.
 */
export async function reserveCredit(tx: Prisma.TransactionClient, teamId: string, runId: string) {
  const balance = await ensureCurrentBalance(tx, teamId);
  const { count } = await tx.creditBalance.updateMany({
    where: { id: balance.id, balance: { gte: 1 } },
    data: { balance: { decrement: 1 } },
  });
  if (count === 0) {
    throw new AppError(
      "PAYMENT_REQUIRED",
      `Your team has used all ${balance.granted} credits for this month. Credits renew on ${renewalDate.format(balance.periodEnd)}.`,
    );
  }
  await tx.creditLedgerEntry.create({
    data: { teamId, balanceId: balance.id, kind: "RESERVE", amount: -1, runId },
  });
}
