import { z } from "zod";
import { rowIdSchema as id } from "@/lib/row-id";
import { cancelRun } from "@/modules/runs/server/cancel-run";
import { getActiveRun } from "@/modules/runs/server/queries";
import { retryRun } from "@/modules/runs/server/retry-run";
import { createTRPCRouter, protectedProcedure } from "../init";

export const runsRouter = createTRPCRouter({
  active: protectedProcedure
    .input(z.object({ projectId: id }))
    .query(({ ctx, input }) => getActiveRun(ctx.db, ctx.auth, input.projectId)),

  retry: protectedProcedure
    .input(z.object({ runId: id }))
    .mutation(({ ctx, input }) => retryRun(ctx.db, ctx.auth, input.runId)),

  cancel: protectedProcedure
    .input(z.object({ runId: id }))
    .mutation(({ ctx, input }) => cancelRun(ctx.db, ctx.auth, input.runId)),
});
