import type { MembershipRole } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { displayNameOf } from "@/modules/auth/display-name";
import { AppError } from "@/lib/errors";
import { ensurePersonalTeam } from "./personal-team";

export type ActiveMembership = { teamId: string; role: MembershipRole };

/**
 * The team a user acts for and their role in it: their first OWNER membership by creation, which
 * is the personal team. When team switching arrives, a stored choice (checked against the user's
 * memberships) is read here first; callers already go through this one function.
 *
 * A user who owns no team but belongs to others' (their personal team was deleted) acts in the
 * earliest one they joined; a user without any team gets a fresh personal team.
 */
export async function activeMembershipFor(userId: string): Promise<ActiveMembership> {
  const owned = await db.membership.findFirst({
    where: { userId, role: "OWNER" },
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
