import type { Prisma } from "@/generated/prisma/client";
import { fragmentCheckColumns } from "@/modules/check/server/saved-check";
import { commitCredit } from "@/modules/credits/server/settle";
import { newPreviewToken } from "@/modules/preview/server/preview-token";
import { lockProjectForNewVersion } from "@/modules/versions/server/version-number";
import { automaticProjectName, fragmentTitle } from "./fragment-title";
import type { GeneratedResult } from "./generate-attempt";
import type { WorkflowDeps } from "./workflow-deps";

export type SaveOutcome = { kind: "succeeded"; fragmentId: string } | { kind: "skipped"; reason: string };

/**
 * Saves a finished attempt in one transaction: RUNNING → SUCCEEDED (only for the attempt that
 * still holds the run), the ASSISTANT message with the summary, an immutable Fragment with the
 * files and its preview URL, and the credit commit. Run twice (a retried step), it saves once.
 */
export async function saveGeneratedResult(deps: WorkflowDeps, result: GeneratedResult): Promise<SaveOutcome> {
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: result.runId, status: "RUNNING", attempt: result.attempt },
      data: { status: "SUCCEEDED", finishedAt: new Date(), heartbeatAt: null, error: null },
    });
    if (count === 0) return { kind: "skipped", reason: "the run was taken over or cancelled" };

    const { projectId, baseFragmentId } = await tx.run.findUniqueOrThrow({ where: { id: result.runId }, select: { projectId: true, baseFragmentId: true } });
    // The next number under the project row lock; built from the version the prompt was sent from.
    const number = await lockProjectForNewVersion(tx, projectId);
    const message = await tx.message.create({
      data: { projectId, role: "ASSISTANT", kind: "RESULT", content: result.summary },
      select: { id: true },
    });
    const title = fragmentTitle(result.summary, result.request);
    // The preview URL's capability: random, never derived from the row id (preview-token.ts).
    const previewToken = newPreviewToken();
    const fragment = await tx.fragment.create({
      data: {
        messageId: message.id,
        projectId,
        number,
        parentId: baseFragmentId,
        origin: "AGENT",
        title,
        files: result.files,
        sandboxId: result.sandboxId,
        sandboxUrl: result.sandboxUrl,
        previewToken,
        previewUrl: deps.previewUrlFor(previewToken),
        ...fragmentCheckColumns(result.check ?? null),
      },
      select: { id: true },
    });
    await tx.project.update({ where: { id: projectId }, data: { updatedAt: new Date() } });
    await renameAutomatically(tx, projectId, result.files, title);
    await commitCredit(tx, result.runId);
    return { kind: "succeeded", fragmentId: fragment.id };
  });
}

/** A short human name from the version (its page's <title>), unless a person has named the project. */
async function renameAutomatically(tx: Prisma.TransactionClient, projectId: string, files: Record<string, string>, versionTitle: string) {
  const isFirstVersion = (await tx.fragment.count({ where: { projectId } })) === 1;
  const name = automaticProjectName(files, versionTitle, isFirstVersion);
  if (name) await tx.project.updateMany({ where: { id: projectId, nameChosenByUser: false }, data: { name } });
}
