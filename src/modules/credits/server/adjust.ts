import type { Plan, Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ensureCurrentBalance } from "./balance";
import { PLANS } from "./plans";

/** Upper bound of one grant: a typo (an extra zero or three) should not mint a fortune. */
export const MAX_GRANT = 100_000;

export type PlanChange = { from: Plan; to: Plan; creditsAdded: number };

/**
 * Moves a team to `plan`, effective now. On an upgrade the current period gets the difference in
 * monthly credits at once (balance and `granted` both grow), so a team that upgrades mid-month
 * can use its new allowance today. A downgrade takes nothing back: the current period keeps what
 * it has, and the next period starts with the smaller plan's credits. Either way a GRANT entry
 * (amount 0 on downgrade) records who changed the plan. The team row is locked, so two changes at
 * once apply one after the other and the top-up is computed from the plan actually replaced.
 */
export async function changePlan(db: Db, input: { teamId: string; plan: Plan; byUserId: string | null }, now = new Date()): Promise<PlanChange> {
  return db.$transaction(async (tx) => {
    const from = await lockTeamPlan(tx, input.teamId);
    if (from === input.plan) return { from, to: from, creditsAdded: 0 };
    // Created (if this is the period's first look) under the plan being replaced, then topped up.
    const balance = await ensureCurrentBalance(tx, input.teamId, now);
    await tx.team.update({ where: { id: input.teamId }, data: { plan: input.plan } });
    const creditsAdded = Math.max(0, PLANS[input.plan].monthlyCredits - PLANS[from].monthlyCredits);
    if (creditsAdded > 0) {
      await tx.creditBalance.update({
        where: { id: balance.id },
        data: { balance: { increment: creditsAdded }, granted: { increment: creditsAdded } },
      });
    }
    const note =
      creditsAdded > 0
        ? `Plan changed from ${PLANS[from].label} to ${PLANS[input.plan].label}: the difference in monthly credits added for this period`
        : `Plan changed from ${PLANS[from].label} to ${PLANS[input.plan].label}: effective from the next period's credits`;
    await tx.creditLedgerEntry.create({
      data: { teamId: input.teamId, balanceId: balance.id, kind: "GRANT", amount: creditsAdded, userId: input.byUserId, note },
    });
    return { from, to: input.plan, creditsAdded };
  });
}

/** Extra credits for the current period, on top of the plan's: a GRANT entry with the note and who granted them. */
export async function grantCredits(
  db: Db,
  input: { teamId: string; amount: number; note: string; byUserId: string | null },
  now = new Date(),
): Promise<{ balance: number; granted: number }> {
  if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > MAX_GRANT) {
    throw new AppError("BAD_REQUEST", `Grant a whole number of credits from 1 to ${MAX_GRANT}.`);
  }
  const note = input.note.trim();
  if (!note) throw new AppError("BAD_REQUEST", "Say why the credits are granted: the note is kept in the ledger.");
  return db.$transaction(async (tx) => {
    await lockTeamPlan(tx, input.teamId);
    const balance = await ensureCurrentBalance(tx, input.teamId, now);
    const updated = await tx.creditBalance.update({
      where: { id: balance.id },
      data: { balance: { increment: input.amount }, granted: { increment: input.amount } },
      select: { balance: true, granted: true },
    });
    await tx.creditLedgerEntry.create({
      data: { teamId: input.teamId, balanceId: balance.id, kind: "GRANT", amount: input.amount, userId: input.byUserId, note },
    });
    return updated;
  });
}

async function lockTeamPlan(tx: Prisma.TransactionClient, teamId: string): Promise<Plan> {
  const [team] = await tx.$queryRaw<{ plan: Plan }[]>`SELECT "plan" FROM "Team" WHERE "id" = ${teamId} FOR UPDATE`;
  if (!team) throw new AppError("NOT_FOUND", "Team not found.");
  return team.plan;
}
