import type { Db } from "@/lib/db/client";
import type { Prisma, VersionOrigin } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { displayNameOf } from "@/modules/auth/display-name";
import { newPreviewToken } from "@/modules/preview/server/preview-token";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { ACTIVE_RUN_STATUSES } from "@/modules/runs/server/run-policy";
import { lockProjectForNewVersion } from "./version-number";
import { type CheckSummary } from "@/modules/check/server/check-summary";

const NOT_CHECKED: CheckSummary = { checkStatus: null, problems: [], screenshots: [] };

/**
 * The new version, and its ASSISTANT message in the shape `messages.list` returns, so the client
 * can show it at once instead of waiting for the list to be fetched again.
 */
export type SavedVersion = {
  fragmentId: string;
  number: number;
  previewUrl: string;
  /** The files as saved (paths normalised), for the client's cache of this immutable version. */
  files: Record<string, string>;
  message: {
    id: string;
    role: "ASSISTANT";
    kind: "RESULT";
    content: string;
    createdAt: Date;
    fragment: { id: string; number: number; parentId: string | null; origin: VersionOrigin; title: string; sandboxUrl: null; createdAt: Date; previewUrl: string } & CheckSummary;
    run: null;
    author: null;
  };
};

/**
 * A version made without the agent (a restore or a hand edit): under the project row lock, it is
 * refused while a run is queued or running — that run will put its own result at the head, and
 * history stays one line — then saved as the next number with an ASSISTANT message saying what
 * happened, so the chat shows it like any other version. No credit, no sandbox.
 */
export async function saveVersionWithoutAgent(
  db: Db,
  input: { projectId: string; parentId: string; origin: Exclude<VersionOrigin, "AGENT">; title: string; note: string; files: Record<string, string> },
): Promise<SavedVersion> {
  return db.$transaction(async (tx) => {
    const number = await lockProjectForNewVersion(tx, input.projectId);
    await assertNoActiveRun(tx, input.projectId, input.origin);
    const message = await tx.message.create({
      data: { projectId: input.projectId, role: "ASSISTANT", kind: "RESULT", content: input.note },
      select: { id: true, createdAt: true },
    });
    const previewToken = newPreviewToken();
    const previewUrl = previewUrlFor(previewToken);
    const fragment = await tx.fragment.create({
      data: {
        messageId: message.id,
        projectId: input.projectId,
        number,
        parentId: input.parentId,
        origin: input.origin,
        title: input.title,
        files: input.files,
        previewToken,
        previewUrl,
      },
      select: { id: true, createdAt: true },
    });
    await tx.project.update({ where: { id: input.projectId }, data: { updatedAt: new Date() } });
    return {
      fragmentId: fragment.id,
      number,
      previewUrl,
      files: input.files,
      message: {
        id: message.id,
        role: "ASSISTANT",
        kind: "RESULT",
        content: input.note,
        createdAt: message.createdAt,
        // Saved without an agent run, so without the page check (check.md).
        fragment: { id: fragment.id, number, parentId: input.parentId, origin: input.origin, title: input.title, sandboxUrl: null, createdAt: fragment.createdAt, previewUrl, ...NOT_CHECKED },
        run: null,
        author: null,
      },
    };
  });
}

async function assertNoActiveRun(tx: Prisma.TransactionClient, projectId: string, origin: "EDIT" | "RESTORE") {
  const active = await tx.run.findFirst({
    where: { projectId, status: { in: ACTIVE_RUN_STATUSES } },
    select: { createdBy: { select: { name: true, email: true } } },
  });
  if (!active) return;
  const whose = active.createdBy ? `${displayNameOf(active.createdBy)}'s generation` : "A generation";
  const what = origin === "EDIT" ? "save your edits" : "restore";
  throw new AppError(
    "CONFLICT",
    `${whose} is still running in this project, and its result will be the next version. Wait for it to finish, then ${what} — history stays one line.`,
  );
}
