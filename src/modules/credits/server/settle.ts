import type { Prisma } from "@/generated/prisma/client";
import { withTransaction, type DbClient } from "./transaction";

/**
 * A reserved credit ends exactly one way: COMMIT (the run produced a result) or REFUND (it did
 * not). Both lock the run's RESERVE entry first, so a commit and a refund racing for the same run
 * serialise, and both insert their entry with ON CONFLICT DO NOTHING on the (runId, kind) unique:
 * however often a retry or failure handler calls them, the balance moves at most once.
 */
export function commitCredit(db: DbClient, runId: string): Promise<boolean> {
  return withTransaction(db, (tx) => settle(tx, runId, "COMMIT"));
}

export function refundCredit(db: DbClient, runId: string): Promise<boolean> {
  return withTransaction(db, (tx) => settle(tx, runId, "REFUND"));
}

async function settle(tx: Prisma.TransactionClient, runId: string, kind: "COMMIT" | "REFUND") {
  const [reserve] = await tx.$queryRaw<{ teamId: string; balanceId: string; userId: string | null }[]>`
    SELECT "teamId", "balanceId", "userId" FROM "CreditLedgerEntry"
    WHERE "runId" = ${runId} AND "kind" = 'RESERVE' FOR UPDATE`;
  if (!reserve) return false;

  const settled = await tx.creditLedgerEntry.findFirst({
    where: { runId, kind: { in: ["COMMIT", "REFUND"] } },
    select: { id: true },
  });
  if (settled) return false;

  const [entry] = await tx.creditLedgerEntry.createManyAndReturn({
    data: [{ ...reserve, kind, amount: kind === "REFUND" ? 1 : 0, runId }],
    skipDuplicates: true,
  });
  if (!entry) return false;
  if (kind === "REFUND") {
    await tx.creditBalance.update({ where: { id: reserve.balanceId }, data: { balance: { increment: 1 } } });
  }
  return true;
}
