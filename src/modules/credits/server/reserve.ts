import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { ensureCurrentBalance } from "./balance";
import { memberSpending } from "./member-spending";
import { creditPeriodFor } from "./plans";

const renewalDate = new Intl.DateTimeFormat("en", { month: "long", day: "numeric", timeZone: "UTC" });

/**
 * Takes one credit for `runId` inside the caller's transaction, from the team's shared balance
 * and within the member's monthly cap, if they have one.
 *
 * The cap and the balance are checked in the same transaction. The member's Membership row is
 * locked first (FOR UPDATE), so one member's concurrent prompts check their spending one after
 * the other: each sees the RESERVE entries of the ones before it. The team-wide decrement is a
 * single conditional UPDATE (… WHERE balance >= 1), so concurrent requests of all members queue
 * on the balance row and can never spend more than it holds; the CHECK (balance >= 0) backs this
 * up in the database. Lock order is always Membership, then CreditBalance.
 */
export async function reserveCredit(
  tx: Prisma.TransactionClient,
  { teamId, userId, runId }: { teamId: string; userId: string; runId: string },
  now = new Date(),
) {
  const [member] = await tx.$queryRaw<{ monthlyCreditCap: number | null; teamName: string }[]>`
    SELECT m."monthlyCreditCap", t."name" AS "teamName"
    FROM "Membership" m JOIN "Team" t ON t."id" = m."teamId"
    WHERE m."teamId" = ${teamId} AND m."userId" = ${userId}
    FOR UPDATE OF m`;
  if (!member) throw new AppError("FORBIDDEN", "You are not a member of this team any more.");

  if (member.monthlyCreditCap !== null) {
    const balance = await ensureCurrentBalance(tx, teamId, now);
    const spent = await memberSpending(tx, balance.id, userId);
    if (spent >= member.monthlyCreditCap) throw capReached(member.monthlyCreditCap, member.teamName);
  }

  const { periodStart } = creditPeriodFor(now);
  let balanceId = await takeOne(tx, teamId, periodStart);
  if (!balanceId) {
    const balance = await ensureCurrentBalance(tx, teamId, now);
    if (balance.balance >= 1) balanceId = await takeOne(tx, teamId, periodStart);
    if (!balanceId) {
      throw new TeamOutOfCreditsError(
        `Your team has used all ${balance.granted} credits for this month. Credits renew on ${renewalDate.format(balance.periodEnd)}.`,
      );
    }
  }
  await tx.creditLedgerEntry.create({ data: { teamId, balanceId, kind: "RESERVE", amount: -1, runId, userId } });
}

/** The team's balance is spent (not a member's cap): billing adds how to get more. */
export class TeamOutOfCreditsError extends AppError {
  constructor(message: string) {
    super("PAYMENT_REQUIRED", message);
  }
}

function capReached(cap: number, teamName: string) {
  return new AppError(
    "PAYMENT_REQUIRED",
    `You have used your ${cap}-credit monthly limit in ${teamName}; ask an admin to raise it.`,
  );
}

async function takeOne(tx: Prisma.TransactionClient, teamId: string, periodStart: Date): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "CreditBalance" SET "balance" = "balance" - 1, "updatedAt" = ${new Date()}
    WHERE "teamId" = ${teamId} AND "periodStart" = ${periodStart} AND "balance" >= 1
    RETURNING "id"`;
  return row?.id ?? null;
}
