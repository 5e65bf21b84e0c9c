import type { DbClient } from "./transaction";

/**
 * What each member spent of one period's balance: their RESERVE entries minus their REFUND
 * entries (a committed credit stays spent; a refunded one comes back). Keyed by userId.
 */
export async function spendingByMember(db: DbClient, balanceId: string, userIds?: string[]): Promise<Map<string, number>> {
  const rows = await db.creditLedgerEntry.groupBy({
    by: ["userId"],
    where: { balanceId, kind: { in: ["RESERVE", "REFUND"] }, ...(userIds ? { userId: { in: userIds } } : { userId: { not: null } }) },
    _sum: { amount: true },
  });
  // Reserves are -1 and refunds +1, so the negated sum is what was spent.
  return new Map(rows.filter((r) => r.userId).map((r) => [r.userId!, -(r._sum.amount ?? 0)]));
}

export async function memberSpending(db: DbClient, balanceId: string, userId: string): Promise<number> {
  return (await spendingByMember(db, balanceId, [userId])).get(userId) ?? 0;
}
