import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { ensureCurrentBalance } from "@/modules/credits/server/balance";
import { PLANS } from "@/modules/credits/server/plans";
import { ACTIVE_RUN_STATUSES } from "@/modules/runs/server/run-policy";
import { storeActiveTeam } from "./active-team-choice";
import { assertCan, assignableRoles, permissionsOf } from "./permissions";
import { lockTeam, TEAM_NOT_FOUND } from "./team-lock";

/** How many teams one person may create: generous for real use, a bound against scripts. */
export const MAX_OWNED_TEAMS = 20;

/** The caller's teams for the switcher: each with plan, role and credits left this period. */
export async function listMyTeams(db: Db, auth: AuthContext) {
  const memberships = await db.membership.findMany({
    where: { userId: auth.userId },
    orderBy: [{ team: { personal: "desc" } }, { createdAt: "asc" }],
    take: 100,
    select: { role: true, team: { select: { id: true, name: true, plan: true, personal: true } } },
  });
  return Promise.all(
    memberships.map(async ({ role, team }) => {
      const balance = await ensureCurrentBalance(db, team.id);
      return { ...team, role, credits: balance.balance, active: team.id === auth.teamId };
    }),
  );
}

/** The active team with what the caller's role may do in it (the UI hides what would be refused). */
export async function getCurrentTeam(db: Db, auth: AuthContext) {
  assertCan(auth.role, "team.view");
  const team = await db.team.findUnique({ where: { id: auth.teamId }, select: { id: true, name: true, plan: true, personal: true } });
  if (!team) throw new AppError("NOT_FOUND", TEAM_NOT_FOUND);
  const [members, pendingInvitations] = await Promise.all([
    db.membership.count({ where: { teamId: team.id } }),
    db.invitation.count({ where: { teamId: team.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
  ]);
  return {
    ...team,
    role: auth.role,
    permissions: permissionsOf(auth.role),
    assignableRoles: assignableRoles(auth.role),
    seats: { total: PLANS[team.plan].seats, members, pendingInvitations },
  };
}

/** A new (non-personal, FREE) team owned by the caller, who switches to it. */
export async function createTeam(db: Db, auth: AuthContext, name: string) {
  const team = await db.$transaction(async (tx) => {
    // Serialises one user's concurrent creates, so the bound below holds.
    await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${auth.userId} FOR UPDATE`;
    const owned = await tx.membership.count({ where: { userId: auth.userId, role: "OWNER", team: { personal: false } } });
    if (owned >= MAX_OWNED_TEAMS) {
      throw new AppError("CONFLICT", `You already own ${MAX_OWNED_TEAMS} teams. Delete one before creating another.`);
    }
    const created = await tx.team.create({
      data: { name, plan: "FREE", personal: false, memberships: { create: { userId: auth.userId, role: "OWNER" } } },
      select: { id: true, name: true, plan: true, personal: true },
    });
    await storeActiveTeam(tx, auth, created.id);
    return created;
  });
  return team;
}

export async function renameTeam(db: Db, auth: AuthContext, name: string) {
  assertCan(auth.role, "team.rename");
  const { count } = await db.team.updateMany({ where: { id: auth.teamId }, data: { name } });
  if (count === 0) throw new AppError("NOT_FOUND", TEAM_NOT_FOUND);
  return db.team.findUniqueOrThrow({ where: { id: auth.teamId }, select: { id: true, name: true } });
}

/**
 * Deletes the active team with its projects, versions and credits. Never the personal team, and
 * not while a generation runs (its reserved credit is settled when it ends). Sessions that had it
 * active fall back to their personal team (the foreign key sets their choice to null).
 */
export async function deleteTeam(db: Db, auth: AuthContext) {
  assertCan(auth.role, "team.delete");
  return db.$transaction(async (tx) => {
    const team = await lockTeam(tx, auth.teamId);
    if (team.personal) throw new AppError("CONFLICT", "Your personal team cannot be deleted.");
    const active = await tx.run.count({ where: { teamId: team.id, status: { in: ACTIVE_RUN_STATUSES } } });
    if (active > 0) {
      throw new AppError("CONFLICT", `${active === 1 ? "A generation is" : `${active} generations are`} still running in this team. Wait for them to finish, then delete it.`);
    }
    await tx.team.delete({ where: { id: team.id } });
    return { id: team.id };
  });
}

/** Makes `teamId` the caller's active team. Another team's id answers like a missing one. */
export async function switchTeam(db: Db, auth: AuthContext, teamId: string) {
  const membership = await db.membership.findUnique({
    where: { teamId_userId: { teamId, userId: auth.userId } },
    select: { role: true, team: { select: { id: true, name: true } } },
  });
  if (!membership) throw new AppError("NOT_FOUND", TEAM_NOT_FOUND);
  await storeActiveTeam(db, auth, teamId);
  return { ...membership.team, role: membership.role };
}
