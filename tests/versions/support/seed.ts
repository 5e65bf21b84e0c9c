import type { Db } from "@/lib/db/client";
import { newPreviewToken } from "@/modules/preview/server/preview-token";
import { lockProjectForNewVersion } from "@/modules/versions/server/version-number";

/**
 * A version as a finished agent run saves it (ASSISTANT message + Fragment, numbered under the
 * project lock, built on `parentId`), without running the agent: for tests of what comes after.
 */
export async function seedAgentVersion(db: Db, projectId: string, files: Record<string, string>, parentId: string | null = null) {
  return db.$transaction(async (tx) => {
    const number = await lockProjectForNewVersion(tx, projectId);
    const message = await tx.message.create({ data: { projectId, role: "ASSISTANT", content: `Built v${number}.` } });
    return tx.fragment.create({
      data: { projectId, messageId: message.id, number, parentId, origin: "AGENT", title: `Version ${number}`, files, previewToken: newPreviewToken() },
    });
  });
}
