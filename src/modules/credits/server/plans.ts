import type { Plan } from "@/generated/prisma/client";

/** Credits each plan grants per calendar month (UTC). One credit pays for one generation. */
export const PLANS: Record<Plan, { label: string; monthlyCredits: number }> = {
  FREE: { label: "Free", monthlyCredits: 25 },
  PRO: { label: "Pro", monthlyCredits: 500 },
};

/** The credit period containing `now`: the calendar month in UTC, end exclusive. */
export function creditPeriodFor(now: Date): { periodStart: Date; periodEnd: Date } {
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { periodStart, periodEnd };
}
