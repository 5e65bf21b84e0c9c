import { z } from "zod";
import { getBilling } from "@/modules/billing/server";
import { explainOutOfCredits } from "@/modules/billing/server/out-of-credits";
import { clientKeySchema, createProjectFromPrompt, modelNameSchema, promptContentSchema } from "@/modules/generation/server/send-prompt";
import { deleteProject, getProject, listProjects, renameProject } from "@/modules/projects/server/projects";
import { projectIdInput, projectNameSchema } from "@/modules/projects/server/inputs";
import { projectListInput } from "@/modules/projects/server/project-cursor";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../init";

export const projectsRouter = createTRPCRouter({
  create: protectedProcedure
    .use(rateLimit("generate", "projects.create"))
    .input(z.object({ content: promptContentSchema, clientKey: clientKeySchema.optional(), model: modelNameSchema.optional() }))
    .mutation(({ ctx, input }) => explainOutOfCredits(getBilling(), ctx.auth, createProjectFromPrompt(ctx.db, { auth: ctx.auth, ...input }))),

  list: protectedProcedure.input(projectListInput).query(({ ctx, input }) => listProjects(ctx.db, ctx.auth, input)),

  get: protectedProcedure.input(projectIdInput).query(({ ctx, input }) => getProject(ctx.db, ctx.auth, input.projectId)),

  rename: protectedProcedure
    .use(rateLimit("projects.change"))
    .input(projectIdInput.extend({ name: projectNameSchema }))
    .mutation(({ ctx, input }) => renameProject(ctx.db, ctx.auth, input.projectId, input.name)),

  delete: protectedProcedure
    .use(rateLimit("projects.change"))
    .input(projectIdInput)
    .mutation(({ ctx, input }) => deleteProject(ctx.db, ctx.auth, input.projectId)),
});
