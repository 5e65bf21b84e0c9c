import type { MembershipRole } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { displayNameOf } from "@/modules/auth/display-name";
import { ensureCurrentBalance } from "@/modules/credits/server/balance";
import { spendingByMember } from "@/modules/credits/server/member-spending";
import { storeActiveTeam } from "./active-team-choice";
import { assertKeepsAnOwner } from "./owners";
import { assertCan, assertCanAssign, assertCanManageMember, can, canManageMember } from "./permissions";
import { lockTeam } from "./team-lock";

export const MEMBER_NOT_FOUND = "Member not found.";

/**
 * The active team's members, owners first. Everyone sees who is in the team; spending and caps
 * of others only those who may set caps (a member sees their own).
 */
export async function listMembers(db: Db, auth: AuthContext) {
  assertCan(auth.role, "members.view");
  const [memberships, balance] = await Promise.all([
    db.membership.findMany({
      where: { teamId: auth.teamId },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      select: { userId: true, role: true, monthlyCreditCap: true, createdAt: true, user: { select: { name: true, email: true } } },
    }),
    ensureCurrentBalance(db, auth.teamId),
  ]);
  const spending = await spendingByMember(db, balance.id);
  const seesAll = can(auth.role, "members.setCap");
  return memberships.map((m) => {
    const isYou = m.userId === auth.userId;
    const visible = seesAll || isYou;
    return {
      userId: m.userId,
      name: displayNameOf(m.user),
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
      isYou,
      monthlyCreditCap: visible ? m.monthlyCreditCap : null,
      spentThisPeriod: visible ? (spending.get(m.userId) ?? 0) : null,
      manageable: !isYou && can(auth.role, "members.changeRole") && canManageMember(auth.role, m.role),
    };
  });
}

async function targetMembership(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], teamId: string, userId: string) {
  const membership = await tx.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { id: true, role: true },
  });
  if (!membership) throw new AppError("NOT_FOUND", MEMBER_NOT_FOUND);
  return membership;
}

/** Changes a member's role. Making someone an owner is an ownership transfer (owners only). */
export async function changeRole(db: Db, auth: AuthContext, userId: string, role: MembershipRole) {
  assertCan(auth.role, "members.changeRole");
  if (role === "OWNER") assertCan(auth.role, "team.transferOwnership");
  assertCanAssign(auth.role, role);
  return db.$transaction(async (tx) => {
    await lockTeam(tx, auth.teamId);
    const target = await targetMembership(tx, auth.teamId, userId);
    const isSelf = userId === auth.userId;
    if (!isSelf) assertCanManageMember(auth.role, target.role);
    if (target.role === role) return { userId, role };
    if (role !== "OWNER") await assertKeepsAnOwner(tx, auth.teamId, { role: target.role, isSelf });
    await tx.membership.update({ where: { id: target.id }, data: { role } });
    return { userId, role };
  });
}

/** Hands ownership to another member: they become an owner, the caller an admin, at once. */
export async function transferOwnership(db: Db, auth: AuthContext, userId: string) {
  assertCan(auth.role, "team.transferOwnership");
  if (userId === auth.userId) throw new AppError("BAD_REQUEST", "You already own this team.");
  return db.$transaction(async (tx) => {
    const team = await lockTeam(tx, auth.teamId);
    if (team.personal) throw new AppError("CONFLICT", "A personal team cannot change hands.");
    const target = await targetMembership(tx, auth.teamId, userId);
    await tx.membership.update({ where: { id: target.id }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { teamId_userId: { teamId: auth.teamId, userId: auth.userId } }, data: { role: "ADMIN" } });
    return { userId, role: "OWNER" as const };
  });
}

/** Removes a member (not oneself: that is leaving). Their projects stay with the team. */
export async function removeMember(db: Db, auth: AuthContext, userId: string) {
  assertCan(auth.role, "members.remove");
  if (userId === auth.userId) throw new AppError("BAD_REQUEST", "To leave the team, use Leave team.");
  return db.$transaction(async (tx) => {
    await lockTeam(tx, auth.teamId);
    const target = await targetMembership(tx, auth.teamId, userId);
    assertCanManageMember(auth.role, target.role);
    await assertKeepsAnOwner(tx, auth.teamId, { role: target.role, isSelf: false });
    await tx.membership.delete({ where: { id: target.id } });
    return { userId };
  });
}

/** The caller leaves the active team and is switched back to their personal team. */
export async function leaveTeam(db: Db, auth: AuthContext) {
  return db.$transaction(async (tx) => {
    const team = await lockTeam(tx, auth.teamId);
    if (team.personal) throw new AppError("CONFLICT", "You cannot leave your personal team.");
    const self = await targetMembership(tx, auth.teamId, auth.userId);
    await assertKeepsAnOwner(tx, auth.teamId, { role: self.role, isSelf: true });
    await tx.membership.delete({ where: { id: self.id } });
    await storeActiveTeam(tx, auth, null);
    return { teamId: team.id };
  });
}

/** Sets (or clears, with null) a member's monthly credit cap. Checked by every reserve. */
export async function setMemberCap(db: Db, auth: AuthContext, userId: string, cap: number | null) {
  assertCan(auth.role, "members.setCap");
  return db.$transaction(async (tx) => {
    const target = await targetMembership(tx, auth.teamId, userId);
    if (userId !== auth.userId) assertCanManageMember(auth.role, target.role);
    await tx.membership.update({ where: { id: target.id }, data: { monthlyCreditCap: cap } });
    return { userId, monthlyCreditCap: cap };
  });
}
