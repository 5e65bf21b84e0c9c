import { z } from "zod";
import { rowIdSchema } from "@/lib/row-id";
import { fragmentFiles, listMessages } from "@/modules/generation/server/messages";
import { getBilling } from "@/modules/billing/server";
import { explainOutOfCredits } from "@/modules/billing/server/out-of-credits";
import { clientKeySchema, modelNameSchema, pickedElementSchema, promptContentSchema, sendPrompt } from "@/modules/generation/server/send-prompt";
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
    .input(
      z.object({
        projectId,
        content: promptContentSchema,
        clientKey: clientKeySchema.optional(),
        model: modelNameSchema.optional(),
        /** The version on screen: the new one builds on it (default: the latest). */
        baseVersionId: rowIdSchema.optional(),
        /** The element picked in the preview: its selector and capped outerHTML go to the agent. */
        element: pickedElementSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => explainOutOfCredits(getBilling(), ctx.auth, sendPrompt(ctx.db, { auth: ctx.auth, ...input }))),
});
