import type { MembershipRole } from "@/generated/prisma/client";
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
  if (chosenTeamId) {
    const chosen = await db.membership.findUnique({
      where: { teamId_userId: { teamId: chosenTeamId, userId } },
      select: { teamId: true, role: true },
    });
    if (chosen) return chosen;
  }
  const owned = await db.membership.findFirst({
    where: { userId, role: "OWNER", team: { personal: true } },
    orderBy: { createdAt: "asc" },
    select: { teamId: true, role: true },
  });
  if (owned) return owned;
  const joined = await db.membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { teamId: true, role: true } });
  if (joined) return joined;

  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "This account no longer exists.");
  return { teamId: await ensurePersonalTeam(userId, displayNameOf(user)), role: "OWNER" };
}
