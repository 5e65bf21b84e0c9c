import type { Plan } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { PLANS } from "@/modules/credits/server/plans";
import { getUsage } from "@/modules/credits/server/usage";
import { assertCan, can } from "@/modules/teams/server/permissions";
import type { BillingPort, PlanChangeRequest } from "./port";

/** The team's plan card: its plan, what every plan gives, this period's credits and how to get more. */
export async function getTeamPlan(db: Db, billing: BillingPort, auth: AuthContext) {
  assertCan(auth.role, "team.view");
  const usage = await getUsage(db, auth.teamId);
  return {
    ...usage,
    plans: (Object.keys(PLANS) as Plan[]).map((plan) => ({ plan, ...PLANS[plan] })),
    canChangePlan: can(auth.role, "team.changePlan"),
    howToGetMore: billing.howToGetMore(auth.role),
  };
}

/** A plan change asked for from the team's side: owners only; the billing adapter decides what happens. */
export async function requestPlanChange(billing: BillingPort, auth: AuthContext, plan: Plan): Promise<PlanChangeRequest> {
  assertCan(auth.role, "team.changePlan");
  return billing.requestPlanChange({ teamId: auth.teamId, userId: auth.userId, plan });
}
