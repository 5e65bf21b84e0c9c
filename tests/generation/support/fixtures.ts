import { randomBytes } from "node:crypto";
import type { MembershipRole, Plan } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { ensureCurrentBalance } from "@/modules/credits/server/balance";

/** A user with a personal team, optionally with the current period's balance set to `credits`. */
export async function createTeamMember(db: Db, { plan = "FREE", credits }: { plan?: Plan; credits?: number } = {}) {
  const tag = randomBytes(5).toString("hex");
  const user = await db.user.create({ data: { email: `user-${tag}@example.test`, name: `User ${tag}` } });
  const team = await db.team.create({ data: { name: `Team ${tag}`, plan, personal: true } });
  await db.membership.create({ data: { teamId: team.id, userId: user.id, role: "OWNER" } });
  if (credits !== undefined) {
    const balance = await ensureCurrentBalance(db, team.id);
    await db.creditBalance.update({ where: { id: balance.id }, data: { balance: credits } });
  }
  const auth: AuthContext = { userId: user.id, teamId: team.id, role: "OWNER" };
  return { user, team, auth };
}

export async function createProject(db: Db, auth: AuthContext, name = "Test project") {
  return db.project.create({ data: { teamId: auth.teamId, createdById: auth.userId, name } });
}

export async function currentBalance(db: Db, teamId: string) {
  return (await ensureCurrentBalance(db, teamId)).balance;
}

export async function ledgerKinds(db: Db, runId: string) {
  const entries = await db.creditLedgerEntry.findMany({ where: { runId }, orderBy: { createdAt: "asc" }, select: { kind: true } });
  return entries.map((e) => e.kind);
}

/** Another user in an existing team with `role` (the invitation flow's result, straight in the database). */
export async function addTeamMember(db: Db, teamId: string, role: MembershipRole = "MEMBER", email?: string) {
  const tag = randomBytes(5).toString("hex");
  const user = await db.user.create({ data: { email: email ?? `member-${tag}@example.test`, name: `Member ${tag}` } });
  await db.membership.create({ data: { teamId, userId: user.id, role } });
  const auth: AuthContext = { userId: user.id, teamId, role };
  return { user, auth };
}
