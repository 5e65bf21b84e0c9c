import { z } from "zod";
import { rowIdSchema } from "@/lib/row-id";
import { fragmentFiles, listMessages } from "@/modules/generation/server/messages";
import { clientKeySchema, promptContentSchema, sendPrompt } from "@/modules/generation/server/send-prompt";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../init";

const projectId = rowIdSchema;

export const messagesRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ projectId }))
    .query(({ ctx, input }) => listMessages(ctx.db, ctx.auth, input.projectId)),

  fragmentFiles: protectedProcedure
    .input(z.object({ fragmentId: rowIdSchema }))
    .query(({ ctx, input }) => fragmentFiles(ctx.db, ctx.auth, input.fragmentId)),

  create: protectedProcedure
    .use(rateLimit("generate"))
    .input(z.object({ projectId, content: promptContentSchema, clientKey: clientKeySchema.optional() }))
    .mutation(({ ctx, input }) => sendPrompt(ctx.db, { auth: ctx.auth, ...input })),
});
