import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { requireTeamProject } from "@/modules/projects/server/project-access";
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
  return run ? { ...run, progress: run.progress as ProgressEntry[] } : null;
}
