import { Prisma, type MembershipRole } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { displayNameOf } from "@/modules/auth/display-name";
import { AppError } from "@/lib/errors";
import { ensurePersonalTeam } from "./personal-team";

export type ActiveMembership = { teamId: string; role: MembershipRole };

/**
 * The team a user acts for and their role in it. `chosenTeamId` is the stored choice (the
 * Session row for local accounts, the User row for Clerk); it counts only while the user is still
 * a member of that team. A stale or forged choice — a team they left, were removed from, that was
 * deleted, or never belonged to — silently falls back to the personal team (their first OWNER
 * membership by creation).
 *
 * A user who owns no team but belongs to others' (their personal team was deleted) acts in the
 * earliest one they joined; a user without any team gets a fresh personal team.
 */
export async function activeMembershipFor(userId: string, chosenTeamId?: string | null): Promise<ActiveMembership> {
  const [found] = await db.$queryRaw<ActiveMembership[]>`${activeMembershipQuery(Prisma.sql`${userId}`, Prisma.sql`${chosenTeamId ?? null}`)}`;
  return found ?? personalTeamForTeamless(userId);
}

/**
 * The rule above as one SQL statement, for callers that join it to the row holding the choice
 * (sessions.ts joins it to the Session row, so a request authenticates in one statement).
 * `userId` and `chosenTeamId` are SQL expressions: parameters or the outer query's columns.
 * Yields at most one row (teamId, role); none when the user has no membership at all.
 */
export function activeMembershipQuery(userId: Prisma.Sql, chosenTeamId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT m."teamId", m."role" FROM "Membership" m JOIN "Team" t ON t."id" = m."teamId"
    WHERE m."userId" = ${userId}
    ORDER BY (m."teamId" = ${chosenTeamId}) IS TRUE DESC, (m."role" = 'OWNER' AND t."personal") DESC, m."createdAt" ASC
    LIMIT 1`;
}

/** A user without any team gets a fresh personal team (rare: their only team was deleted). */
export async function personalTeamForTeamless(userId: string): Promise<ActiveMembership> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "This account no longer exists.");
  return { teamId: await ensurePersonalTeam(userId, displayNameOf(user)), role: "OWNER" };
}
