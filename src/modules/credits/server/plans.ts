import type { Plan } from "@/generated/prisma/client";

/**
 * Everything a plan decides, in one place. One credit pays for one generation; credits renew each
 * calendar month (UTC). `seats` bounds members plus pending invitations; `maxProjects` the team's
 * projects; `maxQueuedRuns` how many of its runs may wait or run at once; `concurrentRuns` how
 * many of them the workers run at the same time.
 */
export type PlanLimits = {
  label: string;
  monthlyCredits: number;
  seats: number;
  maxProjects: number;
  maxQueuedRuns: number;
  concurrentRuns: number;
};

export const PLANS: Record<Plan, PlanLimits> = {
  FREE: { label: "Free", monthlyCredits: 25, seats: 3, maxProjects: 50, maxQueuedRuns: 5, concurrentRuns: 2 },
  PRO: { label: "Pro", monthlyCredits: 500, seats: 5, maxProjects: 500, maxQueuedRuns: 20, concurrentRuns: 4 },
  TEAM: { label: "Team", monthlyCredits: 2000, seats: 50, maxProjects: 5000, maxQueuedRuns: 50, concurrentRuns: 8 },
};

/** The credit period containing `now`: the calendar month in UTC, end exclusive. */
export function creditPeriodFor(now: Date): { periodStart: Date; periodEnd: Date } {
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { periodStart, periodEnd };
}
