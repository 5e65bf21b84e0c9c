import { getUsage } from "@/modules/credits/server/usage";
import { createTRPCRouter, protectedProcedure } from "../init";

export const usageRouter = createTRPCRouter({
  status: protectedProcedure.query(({ ctx }) => getUsage(ctx.db, ctx.auth.teamId)),
});
