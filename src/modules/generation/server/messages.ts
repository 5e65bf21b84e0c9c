import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { checkSummary } from "@/modules/check/server/check-summary";
import { requireTeamProject } from "@/modules/projects/server/project-access";
import { assertCan } from "@/modules/teams/server/permissions";
import { displayNameOf } from "@/modules/auth/display-name";

/** The chat view shows the most recent turns; older ones are not needed to continue a project. */
export const MESSAGES_LIMIT = 100;

/**
 * A project's conversation, oldest first: each message with the version it produced (ASSISTANT
 * results) or the run it started (USER prompts). Another team's project is NOT_FOUND.
 * Versions come without their files: this is polled while a run works, and files never change
 * (see fragmentFiles).
 */
export async function listMessages(db: Db, auth: AuthContext, projectId: string) {
  await requireTeamProject(db, auth, projectId);
  const newestFirst = await db.message.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MESSAGES_LIMIT,
    select: {
      id: true,
      role: true,
      kind: true,
      content: true,
      createdAt: true,
      // The check's verdict and screenshot sizes (not the bytes: /api/versions/<id>/screenshot serves them).
      fragment: {
        select: {
          id: true,
          number: true,
          parentId: true,
          origin: true,
          title: true,
          sandboxUrl: true,
          createdAt: true,
          previewToken: true,
          checkStatus: true,
          problems: true,
          screenshots: true,
        },
      },
      run: { select: { id: true, status: true, error: true, createdBy: { select: { id: true, name: true, email: true } } } },
    },
  });
  return newestFirst.reverse().map(({ run, ...m }) => ({
    ...m,
    // Who sent a prompt: the chat names teammates; null for your own and for deleted accounts.
    run: run ? { id: run.id, status: run.status, error: run.error } : null,
    author: run?.createdBy && run.createdBy.id !== auth.userId ? displayNameOf(run.createdBy) : null,
    // From today's PREVIEW_ORIGIN, so moving the preview server never breaks old versions.
    fragment: m.fragment ? { ...withPreviewUrl(m.fragment), ...checkSummary(m.fragment) } : null,
  }));
}

/** The token only travels inside the URL it makes. */
function withPreviewUrl<F extends { previewToken: string }>({ previewToken, ...fragment }: F) {
  return { ...fragment, previewUrl: previewUrlFor(previewToken) };
}

/** One version's files. Fragments are immutable, so clients may cache this forever. */
export async function fragmentFiles(db: Db, auth: AuthContext, fragmentId: string) {
  const fragment = await db.fragment.findFirst({
    where: { id: fragmentId, project: { teamId: auth.teamId } },
    select: { id: true, files: true },
  });
  if (!fragment) throw new AppError("NOT_FOUND", "Version not found.");
  assertCan(auth.role, "projects.view");
  return { id: fragment.id, files: fragment.files as Record<string, string> };
}
