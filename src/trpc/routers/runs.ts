import { z } from "zod";
import { rowIdSchema as id } from "@/lib/row-id";
import { cancelRun } from "@/modules/runs/server/cancel-run";
import { getActiveRun, pollProject } from "@/modules/runs/server/queries";
import { retryRun } from "@/modules/runs/server/retry-run";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../init";

export const runsRouter = createTRPCRouter({
  active: protectedProcedure
    .input(z.object({ projectId: id }))
    .query(({ ctx, input }) => getActiveRun(ctx.db, ctx.auth, input.projectId)),

  /** The project view's poll while a run works: the run it follows and the newest message's id. */
  poll: protectedProcedure
    .input(z.object({ projectId: id }))
    .query(({ ctx, input }) => pollProject(ctx.db, ctx.auth, input.projectId)),

  retry: protectedProcedure
    .use(rateLimit("generate"))
    .input(z.object({ runId: id }))
    .mutation(({ ctx, input }) => retryRun(ctx.db, ctx.auth, input.runId)),

  cancel: protectedProcedure
    .use(rateLimit("runs.cancel"))
    .input(z.object({ runId: id }))
    .mutation(({ ctx, input }) => cancelRun(ctx.db, ctx.auth, input.runId)),
});
