import { z } from "zod";
import { rowIdSchema } from "@/lib/row-id";
import { textInput } from "@/lib/text-input";
import { compareVersions } from "@/modules/versions/server/compare-versions";
import { listVersions } from "@/modules/versions/server/list-versions";
import { restoreVersion } from "@/modules/versions/server/restore-version";
import { saveHandEdit } from "@/modules/versions/server/save-edit";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../init";

/** Paths and sizes are checked by validateVersionFiles (the agent's file rules), with messages naming the file. */
const editedFiles = z.record(textInput().max(2048), textInput());

export const versionsRouter = createTRPCRouter({
  list: protectedProcedure.input(z.object({ projectId: rowIdSchema })).query(({ ctx, input }) => listVersions(ctx.db, ctx.auth, input.projectId)),

  compare: protectedProcedure
    .input(z.object({ toId: rowIdSchema, fromId: rowIdSchema.optional() }))
    .query(({ ctx, input }) => compareVersions(ctx.db, ctx.auth, input)),

  restore: protectedProcedure
    .use(rateLimit("versions.change"))
    .input(z.object({ fragmentId: rowIdSchema }))
    .mutation(({ ctx, input }) => restoreVersion(ctx.db, ctx.auth, input.fragmentId)),

  saveEdit: protectedProcedure
    .use(rateLimit("versions.change"))
    .input(z.object({ baseVersionId: rowIdSchema, files: editedFiles }))
    .mutation(({ ctx, input }) => saveHandEdit(ctx.db, ctx.auth, input)),
});
