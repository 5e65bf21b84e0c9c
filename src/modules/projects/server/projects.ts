import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { checkSummary } from "@/modules/check/server/check-summary";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { ACTIVE_RUN_STATUSES } from "@/modules/runs/server/run-policy";
import { PROJECT_NOT_FOUND } from "./project-access";

/** Projects belong to a team; every read and write is scoped to the caller's team. */

const ACTIVE_RUN = { status: { in: ACTIVE_RUN_STATUSES } };

export async function listProjects(db: Db, auth: AuthContext) {
  const projects = await db.project.findMany({
    where: { teamId: auth.teamId },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      createdAt: true,
      updatedAt: true,
      fragments: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, title: true, checkStatus: true, problems: true, screenshots: true } },
      runs: { where: ACTIVE_RUN, take: 1, select: { status: true } },
    },
  });
  return projects.map(({ fragments, runs, ...p }) => ({
    ...p,
    latestFragment: fragments[0] ? { ...fragments[0], ...checkSummary(fragments[0]), previewUrl: previewUrlFor(fragments[0].id) } : null,
    activeRunStatus: runs[0]?.status ?? null,
  }));
}

export async function getProject(db: Db, auth: AuthContext, projectId: string) {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId: auth.teamId },
    select: { id: true, name: true, createdAt: true, updatedAt: true, createdById: true },
  });
  // Another team's project answers exactly like a missing one.
  if (!project) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
  return project;
}

export async function renameProject(db: Db, auth: AuthContext, projectId: string, name: string) {
  const { count } = await db.project.updateMany({ where: { id: projectId, teamId: auth.teamId }, data: { name } });
  if (count === 0) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
  return getProject(db, auth, projectId);
}

export async function deleteProject(db: Db, auth: AuthContext, projectId: string) {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: projectId, teamId: auth.teamId }, select: { id: true } });
    if (!project) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
    // Its reserved credit is settled when the run ends; deleting under it would strand that credit.
    const active = await tx.run.findFirst({ where: { projectId, ...ACTIVE_RUN }, select: { id: true } });
    if (active) {
      throw new AppError("CONFLICT", "A generation is still running in this project. Wait for it to finish, then delete.");
    }
    await tx.project.delete({ where: { id: projectId } });
    return { id: projectId };
  });
}
