import type { RunStatus } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { displayNameOf } from "@/modules/auth/display-name";
import { checkSummary } from "@/modules/check/server/check-summary";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { ACTIVE_RUN_STATUSES } from "@/modules/runs/server/run-policy";
import { assertCan, assertCanOwnOrAny, can } from "@/modules/teams/server/permissions";
import { PROJECT_NOT_FOUND } from "./project-access";
import { encodeProjectCursor, type ProjectCursor } from "./project-cursor";

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

/**
 * One page of the team's projects, newest activity first, with the cursor of the next page (null
 * after the last). The order (updatedAt desc, id desc) is total, and each page starts strictly
 * after the previous one's last row: a project touched between pages moves to the top instead of
 * showing twice, and no untouched project is skipped.
 */
export async function listProjects(db: Db, auth: AuthContext, { limit, cursor }: { limit: number; cursor?: ProjectCursor | null }) {
  assertCan(auth.role, "projects.view");
  const rows = await db.project.findMany({
    where: {
      teamId: auth.teamId,
      ...(cursor && { OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }] }),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      name: true,
      createdAt: true,
      updatedAt: true,
      createdBy: PERSON,
      fragments: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, title: true, previewToken: true, checkStatus: true, problems: true, screenshots: true },
      },
      runs: { where: ACTIVE_RUN, take: 1, select: { status: true, createdBy: PERSON } },
    },
  });
  const projects = rows.slice(0, limit);
  const last = projects.at(-1);
  return { items: projectSummaries(projects, auth), nextCursor: rows.length > limit && last ? encodeProjectCursor(last) : null };
}

type ProjectRow = {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  createdBy: Person;
  fragments: { id: string; title: string; previewToken: string; checkStatus: string | null; problems: unknown; screenshots: unknown }[];
  runs: { status: RunStatus; createdBy: Person }[];
};

function projectSummaries(projects: ProjectRow[], auth: AuthContext) {
  return projects.map(({ fragments, runs, createdBy, ...p }) => ({
    ...p,
    createdBy: personOf(createdBy, auth),
    canManage: can(auth.role, createdBy?.id === auth.userId ? "projects.manageOwn" : "projects.manageAll"),
    latestFragment: fragments[0]
      ? { id: fragments[0].id, title: fragments[0].title, ...checkSummary(fragments[0]), previewUrl: previewUrlFor(fragments[0].previewToken) }
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
