import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
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
  const project = await db.project.findFirst({ where: { id: projectId, teamId: auth.teamId }, select: { id: true } });
  if (!project) throw new AppError("NOT_FOUND", "Project not found.");
  const run =
    (await db.run.findFirst({
      where: { projectId, status: { in: ACTIVE_RUN_STATUSES } },
      orderBy: { createdAt: "desc" },
      select: RUN_VIEW,
    })) ?? (await db.run.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" }, select: RUN_VIEW }));
  return run ? { ...run, progress: run.progress as ProgressEntry[] } : null;
}
