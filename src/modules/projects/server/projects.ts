import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { displayNameOf } from "@/modules/auth/display-name";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { ACTIVE_RUN_STATUSES } from "@/modules/runs/server/run-policy";
import { assertCan, assertCanOwnOrAny, can } from "@/modules/teams/server/permissions";
import { PROJECT_NOT_FOUND } from "./project-access";

/**
 * Projects belong to a team; every read and write is scoped to the caller's team and checked
 * against their role: everyone in the team sees and prompts every project, members rename and
 * delete their own, owners and admins anyone's.
 */

const ACTIVE_RUN = { status: { in: ACTIVE_RUN_STATUSES } };
const PERSON = { select: { id: true, name: true, email: true } } as const;

type Person = { id: string; name: string | null; email: string } | null;
const personOf = (user: Person, auth: AuthContext) =>
  user ? { id: user.id, name: displayNameOf(user), isYou: user.id === auth.userId } : null;

export async function listProjects(db: Db, auth: AuthContext) {
  assertCan(auth.role, "projects.view");
  const projects = await db.project.findMany({
    where: { teamId: auth.teamId },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      createdAt: true,
      updatedAt: true,
      createdBy: PERSON,
      fragments: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, title: true, previewToken: true } },
      runs: { where: ACTIVE_RUN, take: 1, select: { status: true, createdBy: PERSON } },
    },
  });
  return projects.map(({ fragments, runs, createdBy, ...p }) => ({
    ...p,
    createdBy: personOf(createdBy, auth),
    canManage: can(auth.role, createdBy?.id === auth.userId ? "projects.manageOwn" : "projects.manageAll"),
    latestFragment: fragments[0]
      ? { id: fragments[0].id, title: fragments[0].title, previewUrl: previewUrlFor(fragments[0].previewToken) }
      : null,
    activeRunStatus: runs[0]?.status ?? null,
    /** Who started the generation running in it now, if any. */
    activeRunBy: runs[0] ? personOf(runs[0].createdBy, auth) : null,
  }));
}

export async function getProject(db: Db, auth: AuthContext, projectId: string) {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId: auth.teamId },
    select: { id: true, name: true, createdAt: true, updatedAt: true, createdById: true, createdBy: PERSON },
  });
  // Another team's project answers exactly like a missing one.
  if (!project) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
  assertCan(auth.role, "projects.view");
  const { createdBy, ...rest } = project;
  const isOwn = project.createdById === auth.userId;
  return {
    ...rest,
    createdBy: personOf(createdBy, auth),
    /** May rename and delete it (the UI hides those buttons otherwise). */
    canManage: can(auth.role, isOwn ? "projects.manageOwn" : "projects.manageAll"),
  };
}

/** Loads the project for a write and checks own-vs-anyone's permission. */
async function projectForManaging(db: Pick<Db, "project">, auth: AuthContext, projectId: string) {
  const project = await db.project.findFirst({ where: { id: projectId, teamId: auth.teamId }, select: { id: true, createdById: true } });
  if (!project) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
  assertCanOwnOrAny(auth.role, project.createdById === auth.userId, "projects.manageOwn", "projects.manageAll");
  return project;
}

export async function renameProject(db: Db, auth: AuthContext, projectId: string, name: string) {
  await projectForManaging(db, auth, projectId);
  const { count } = await db.project.updateMany({ where: { id: projectId, teamId: auth.teamId }, data: { name, nameChosenByUser: true } });
  if (count === 0) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
  return getProject(db, auth, projectId);
}

export async function deleteProject(db: Db, auth: AuthContext, projectId: string) {
  return db.$transaction(async (tx) => {
    await projectForManaging(tx, auth, projectId);
    // Its reserved credit is settled when the run ends; deleting under it would strand that credit.
    const active = await tx.run.findFirst({ where: { projectId, ...ACTIVE_RUN }, select: { id: true } });
    if (active) {
      throw new AppError("CONFLICT", "A generation is still running in this project. Wait for it to finish, then delete.");
    }
    await tx.project.delete({ where: { id: projectId } });
    return { id: projectId };
  });
}
