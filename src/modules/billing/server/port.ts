import type { MembershipRole, Plan } from "@/generated/prisma/client";

/**
 * How plans are obtained and paid for. The credits module owns balances, grants and plan
 * changes (credits/server/adjust.ts); a billing adapter only decides *who* may trigger them and
 * *how* a team gets more. Today's adapter: instance admins manage plans (no payments). A payment
 * adapter (checkout, webhooks calling `changePlan`) implements this port without touching credits.
 */
export type BillingPort = {
  readonly kind: "instance-admins";
  /** What a team member is told about getting more credits or another plan. */
  howToGetMore(role: MembershipRole): string;
  /** A team owner (already authorised for team.changePlan) asks for another plan. */
  requestPlanChange(input: { teamId: string; userId: string; plan: Plan }): Promise<PlanChangeRequest>;
};

export type PlanChangeRequest =
  /** The plan changed at once. */
  | { kind: "changed"; plan: Plan }
  /** Someone else changes plans here: show `message` (who to ask, how to reach them). */
  | { kind: "ask-admin"; message: string; contact: string | null };
