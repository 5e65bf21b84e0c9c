import { Prisma, type RunStatus } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { displayNameOf } from "@/modules/auth/display-name";
import { authFromSessionRow, sessionIdFor, sessionLookup, type SessionWithMembership } from "@/modules/auth/server/sessions";
import { PROJECT_NOT_FOUND } from "@/modules/projects/server/project-access";
import { assertCan, can } from "@/modules/teams/server/permissions";
import type { ProgressEntry } from "./progress";
import { ACTIVE_RUN_STATUSES } from "./run-policy";

type PollRow = {
  polledProjectId?: string;
  lastMessageId: string | null;
  id: string | null;
  status: RunStatus | null;
  attempt: number;
  progress: unknown;
  error: string | null;
  userMessageId: string;
  queuedAt: Date;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  finishedAt: Date | null;
  creatorId: string | null;
  creatorName: string | null;
  creatorEmail: string | null;
};

/**
 * What the project view polls while a run works, in one statement: the project (another team's
 * is NOT_FOUND), the run it follows — the QUEUED/RUNNING one if any, else the latest, so a
 * finished run's outcome stays visible; null without runs — and the id of the newest message,
 * so the client refetches the conversation (and its versions) only when something was added.
 */
export async function pollProject(db: Db, auth: AuthContext, projectId: string) {
  const [row] = await db.$queryRaw<PollRow[]>(pollQuery(projectId, Prisma.sql`${auth.teamId}`));
  return pollAnswer(auth, row);
}

export type PollAnswer = Awaited<ReturnType<typeof pollAnswer>>;

/**
 * pollProject for a local-accounts session token, authenticating in the same statement (the
 * session lookup of authFromSessionToken, joined): /api/poll's path, one round trip per poll.
 * Null when the token does not authenticate (signed out); otherwise pollProject's answer.
 */
export async function pollProjectForSession(db: Db, token: string | null | undefined, projectId: string): Promise<PollAnswer | null> {
  const sessionId = sessionIdFor(token);
  if (!sessionId) return null;
  const [row] = await db.$queryRaw<(SessionWithMembership & ({ polledProjectId: null } | PollRow))[]>`
    SELECT a.*, q.*
    FROM (${sessionLookup(sessionId)}) a
    LEFT JOIN LATERAL (${pollQuery(projectId, Prisma.raw(`a."teamId"`))}) q ON true`;
  if (!row) return null; // no such session
  const { userId, expiresAt, revokedAt, lastSeenAt, teamId, role, ...poll } = row;
  const auth = await authFromSessionRow(sessionId, { userId, expiresAt, revokedAt, lastSeenAt, teamId, role });
  if (!auth) return null;
  // A user left without a team was just given one: the joined read looked in none.
  if (auth.teamId !== teamId) return pollProject(db, auth, projectId);
  return pollAnswer(auth, poll.polledProjectId ? (poll as PollRow) : undefined);
}

/** The poll's SELECT, for the project `projectId` of the team `teamId` (an SQL expression). */
function pollQuery(projectId: string, teamId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT
      p."id" AS "polledProjectId",
      (SELECT m."id" FROM "Message" m WHERE m."projectId" = p."id" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1) AS "lastMessageId",
      r."id", r."status", r."attempt", r."progress", r."error", r."userMessageId",
      r."queuedAt", r."startedAt", r."heartbeatAt", r."finishedAt",
      u."id" AS "creatorId", u."name" AS "creatorName", u."email" AS "creatorEmail"
    FROM "Project" p
    LEFT JOIN LATERAL (
      SELECT * FROM "Run" WHERE "projectId" = p."id"
      ORDER BY ("status"::text IN (${Prisma.join(ACTIVE_RUN_STATUSES)})) DESC, "createdAt" DESC
      LIMIT 1
    ) r ON true
    LEFT JOIN "User" u ON u."id" = r."createdById"
    WHERE p."id" = ${projectId} AND p."teamId" = ${teamId}`;
}

function pollAnswer(auth: AuthContext, row: PollRow | undefined) {
  if (!row) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
  assertCan(auth.role, "projects.view");
  return { run: runView(auth, row), lastMessageId: row.lastMessageId };
}

/**
 * The run the project view follows (see pollProject). Null for a project without runs; another
 * team's project is NOT_FOUND.
 */
export async function getActiveRun(db: Db, auth: AuthContext, projectId: string) {
  return (await pollProject(db, auth, projectId)).run;
}

function runView(auth: AuthContext, { polledProjectId: _project, lastMessageId: _, id, status, creatorId, creatorName, creatorEmail, ...rest }: PollRow) {
  if (!id || !status) return null;
  return {
    id,
    status,
    ...rest,
    progress: rest.progress as ProgressEntry[],
    /** Who started it, so a teammate's screen can say whose generation it is following. */
    startedBy: creatorId ? { id: creatorId, name: displayNameOf({ name: creatorName, email: creatorEmail ?? "" }), isYou: creatorId === auth.userId } : null,
    /** Whether the caller may stop it (their own run, or anyone's for owners and admins). */
    canCancel: can(auth.role, creatorId === auth.userId ? "runs.cancelOwn" : "runs.cancelAny"),
  };
}
