import { getUsage } from "@/modules/credits/server/usage";
import { assertCan } from "@/modules/teams/server/permissions";
import { createTRPCRouter, protectedProcedure } from "../init";

export const usageRouter = createTRPCRouter({
  status: protectedProcedure.query(({ ctx }) => {
    assertCan(ctx.auth.role, "usage.viewOwn");
    return getUsage(ctx.db, ctx.auth.teamId);
  }),
});
