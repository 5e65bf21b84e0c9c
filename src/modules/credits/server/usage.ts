import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Plan } from "@/generated/prisma/client";
import { ensureCurrentBalance } from "./balance";

export type Usage = { plan: Plan; balance: number; granted: number; periodEnd: Date };

/** What the team has left this period. Creates the period's balance on first look. */
export async function getUsage(db: Db, teamId: string): Promise<Usage> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { plan: true } });
  if (!team) throw new AppError("NOT_FOUND", "Team not found.");
  const balance = await ensureCurrentBalance(db, teamId);
  return { plan: team.plan, balance: balance.balance, granted: balance.granted, periodEnd: balance.periodEnd };
}
