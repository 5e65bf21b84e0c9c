import { z } from "zod";
import { getModelConfig } from "@/modules/generation/server/model-config";
import {
  getTeamModelSettings,
  removeTeamApiKey,
  setTeamApiKey,
  setTeamDefaultModel,
} from "@/modules/models/server/team-model-settings";
import { getSecretBox } from "@/modules/models/server/team-secret-box";
import { testTeamConnection } from "@/modules/models/server/test-connection";
import { createTRPCRouter, protectedProcedure } from "../init";

/** The team's model settings. No procedure here ever returns the API key: only its last 4 characters. */
export const modelsRouter = createTRPCRouter({
  settings: protectedProcedure.query(({ ctx }) => getTeamModelSettings(ctx.db, ctx.auth, getModelConfig())),

  setDefault: protectedProcedure
    .input(z.object({ model: z.string().trim().min(1).max(200).nullable() }))
    .mutation(({ ctx, input }) => setTeamDefaultModel(ctx.db, ctx.auth, getModelConfig(), input.model)),

  setApiKey: protectedProcedure
    .input(z.object({ apiKey: z.string().min(1, "Paste the key.").max(500) }))
    .mutation(async ({ ctx, input }) => {
      await setTeamApiKey(ctx.db, await getSecretBox(), ctx.auth, input.apiKey);
    }),

  removeApiKey: protectedProcedure.mutation(({ ctx }) => removeTeamApiKey(ctx.db, ctx.auth)),

  testConnection: protectedProcedure.mutation(async ({ ctx }) =>
    testTeamConnection(ctx.db, await getSecretBox(), ctx.auth, getModelConfig()),
  ),
});
