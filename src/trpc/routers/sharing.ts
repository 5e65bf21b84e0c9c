import { z } from "zod";
import { env } from "@/env";
import { rowIdSchema } from "@/lib/row-id";
import { createShareLink, listShareLinks, MAX_SHARE_DAYS, revokeShareLink } from "@/modules/sharing/server/share-links";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../init";

export const sharingRouter = createTRPCRouter({
  list: protectedProcedure.input(z.object({ projectId: rowIdSchema })).query(({ ctx, input }) => listShareLinks(ctx.db, ctx.auth, input.projectId)),

  create: protectedProcedure
    .use(rateLimit("sharing.change"))
    .input(z.object({ fragmentId: rowIdSchema, expiresInDays: z.number().int().min(1).max(MAX_SHARE_DAYS).optional() }))
    .mutation(({ ctx, input }) => createShareLink(ctx.db, ctx.auth, input, { appUrl: env.APP_URL })),

  revoke: protectedProcedure
    .use(rateLimit("sharing.change"))
    .input(z.object({ linkId: rowIdSchema }))
    .mutation(({ ctx, input }) => revokeShareLink(ctx.db, ctx.auth, input.linkId)),
});
