import type { MembershipRole, Plan } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { ensureCurrentBalance } from "@/modules/credits/server/balance";
import { createUserWithTeam } from "../../support/factories";

export type Member = AuthContext & { email: string; personalTeamId: string };

/**
 * A shared (non-personal) team with one user per given role, each of whom also has their own
 * personal team. Each member's AuthContext acts in the shared team. `credits` sets the balance.
 */
export async function createSharedTeam(db: Db, roles: MembershipRole[], { plan = "TEAM", credits, name = "Acme" }: { plan?: Plan; credits?: number; name?: string } = {}) {
  const team = await db.team.create({ data: { name, plan, personal: false } });
  const members: Member[] = [];
  for (const [index, role] of roles.entries()) {
    const personal = await createUserWithTeam(db, `${role.toLowerCase()} ${index}`);
    await db.membership.create({ data: { teamId: team.id, userId: personal.userId, role } });
    const { email } = await db.user.findUniqueOrThrow({ where: { id: personal.userId }, select: { email: true } });
    members.push({ userId: personal.userId, teamId: team.id, role, email, personalTeamId: personal.teamId });
  }
  if (credits !== undefined) {
    const balance = await ensureCurrentBalance(db, team.id);
    await db.creditBalance.update({ where: { id: balance.id }, data: { balance: credits } });
  }
  return { team, members };
}

/** Someone outside the team (with their own personal team). */
export async function createOutsider(db: Db, name = "Outsider"): Promise<Member> {
  const auth = await createUserWithTeam(db, name);
  const { email } = await db.user.findUniqueOrThrow({ where: { id: auth.userId }, select: { email: true } });
  return { ...auth, email, personalTeamId: auth.teamId };
}
