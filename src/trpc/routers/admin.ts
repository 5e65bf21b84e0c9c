import { z } from "zod";
import { env } from "@/env";
import { rowIdSchema } from "@/lib/row-id";
import { assertInstanceAdmin } from "@/modules/admin/server/instance-admins";
import { listTeamsOverview } from "@/modules/admin/server/teams-overview";
import { changePlan, grantCredits, MAX_GRANT } from "@/modules/credits/server/adjust";
import { createTRPCRouter, protectedProcedure } from "../init";

const planSchema = z.enum(["FREE", "PRO", "TEAM"]);

/** Instance-wide, so not team-scoped: only OLLIO_ADMIN_EMAILS pass; everyone else gets NOT_FOUND. */
const adminProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  await assertInstanceAdmin(ctx.db, ctx.auth.userId, env.OLLIO_ADMIN_EMAILS);
  return next();
});

export const adminRouter = createTRPCRouter({
  teams: adminProcedure
    .input(z.object({ search: z.string().trim().max(100).default("") }))
    .query(({ ctx, input }) => listTeamsOverview(ctx.db, input)),

  changePlan: adminProcedure
    .input(z.object({ teamId: rowIdSchema, plan: planSchema }))
    .mutation(({ ctx, input }) => changePlan(ctx.db, { ...input, byUserId: ctx.auth.userId })),

  grantCredits: adminProcedure
    .input(
      z.object({
        teamId: rowIdSchema,
        amount: z.number().int().min(1, "Grant at least 1 credit.").max(MAX_GRANT, `Grant at most ${MAX_GRANT} credits at once.`),
        note: z.string().trim().min(1, "Say why the credits are granted.").max(500),
      }),
    )
    .mutation(({ ctx, input }) => grantCredits(ctx.db, { ...input, byUserId: ctx.auth.userId })),
});
