import { z } from "zod";
import { getBilling } from "@/modules/billing/server";
import { getTeamPlan, requestPlanChange } from "@/modules/billing/server/team-plan";
import { teamUsageReport } from "@/modules/usage/server/team-usage";
import { usageMonthSchema } from "@/modules/usage/server/usage-month";
import { createTRPCRouter, protectedProcedure } from "../init";

export const teamUsageRouter = createTRPCRouter({
  report: protectedProcedure
    .input(z.object({ month: usageMonthSchema }))
    .query(({ ctx, input }) => teamUsageReport(ctx.db, ctx.auth, input.month)),

  plan: protectedProcedure.query(({ ctx }) => getTeamPlan(ctx.db, getBilling(), ctx.auth)),

  requestPlanChange: protectedProcedure
    .input(z.object({ plan: z.enum(["FREE", "PRO", "TEAM"]) }))
    .mutation(({ ctx, input }) => requestPlanChange(getBilling(), ctx.auth, input.plan)),
});
