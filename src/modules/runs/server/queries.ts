import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { displayNameOf } from "@/modules/auth/display-name";
import { requireTeamProject } from "@/modules/projects/server/project-access";
import { can } from "@/modules/teams/server/permissions";
import type { ProgressEntry } from "./progress";
import { ACTIVE_RUN_STATUSES } from "./run-policy";

const RUN_VIEW = {
  id: true,
  status: true,
  attempt: true,
  progress: true,
  error: true,
  userMessageId: true,
  queuedAt: true,
  startedAt: true,
  heartbeatAt: true,
  finishedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

/**
 * The run the project view follows: the QUEUED/RUNNING one if any, else the latest (so a
 * finished run's outcome stays visible). Null for a project without runs; another team's
 * project is NOT_FOUND.
 */
export async function getActiveRun(db: Db, auth: AuthContext, projectId: string) {
  await requireTeamProject(db, auth, projectId);
  const run =
    (await db.run.findFirst({
      where: { projectId, status: { in: ACTIVE_RUN_STATUSES } },
      orderBy: { createdAt: "desc" },
      select: RUN_VIEW,
    })) ?? (await db.run.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" }, select: RUN_VIEW }));
  if (!run) return null;
  const { createdBy, ...rest } = run;
  return {
    ...rest,
    progress: run.progress as ProgressEntry[],
    /** Who started it, so a teammate's screen can say whose generation it is following. */
    startedBy: createdBy ? { id: createdBy.id, name: displayNameOf(createdBy), isYou: createdBy.id === auth.userId } : null,
    /** Whether the caller may stop it (their own run, or anyone's for owners and admins). */
    canCancel: can(auth.role, createdBy?.id === auth.userId ? "runs.cancelOwn" : "runs.cancelAny"),
  };
}
