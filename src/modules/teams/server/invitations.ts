import type { MembershipRole } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { displayNameOf } from "@/modules/auth/display-name";
import type { MailPort } from "@/modules/mail/server/port";
import { storeActiveTeam } from "./active-team-choice";
import { hashInvitationToken, INVITATION_TTL_MS, invitationLink, newInvitationToken } from "./invitation-token";
import { invitationMail } from "./invitation-mail";
import { assertCan, assertCanAssign } from "./permissions";
import { assertSeatFree, pendingInvitationWhere } from "./seats";
import { lockTeam } from "./team-lock";

export const INVITATION_NOT_FOUND = "Invitation not found.";
const INVALID_LINK = "This invitation link is not valid. Ask whoever invited you for a new one.";

export type InvitationDeps = {
  /** Where invitations are mailed; its `delivers` says whether anything was sent. */
  mail: MailPort;
  /** The app's public URL, for the link (APP_URL). */
  baseUrl: string;
  now?: () => Date;
};

/** What the inviter gets back: always the link (to copy), and whether it was also mailed. */
export type SentInvitation = { id: string; email: string; role: MembershipRole; expiresAt: Date; link: string; mailed: boolean; mailError: string | null };

/**
 * Invites `email` to the active team with `role`. Refused for a personal team, an existing
 * member, an address already invited (resend that one instead), or a full team.
 */
export async function createInvitation(db: Db, auth: AuthContext, input: { email: string; role: MembershipRole }, deps: InvitationDeps) {
  assertCan(auth.role, "members.invite");
  assertCanAssign(auth.role, input.role);
  const now = deps.now?.() ?? new Date();
  const { token, tokenHash } = newInvitationToken();
  const { invitation, teamName } = await db.$transaction(async (tx) => {
    const team = await lockTeam(tx, auth.teamId);
    if (team.personal) throw new AppError("CONFLICT", "Your personal team is just for you. Create a team to invite people.");
    const member = await tx.membership.findFirst({ where: { teamId: team.id, user: { email: input.email } }, select: { id: true } });
    if (member) throw new AppError("CONFLICT", `${input.email} is already a member of ${team.name}.`);
    const pending = await tx.invitation.findFirst({ where: { teamId: team.id, email: input.email, ...pendingInvitationWhere(now) }, select: { id: true } });
    if (pending) throw new AppError("CONFLICT", `${input.email} is already invited. Resend that invitation from the list instead.`);
    await assertSeatFree(tx, team);
    const created = await tx.invitation.create({
      data: { teamId: team.id, email: input.email, role: input.role, tokenHash, invitedById: auth.userId, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    return { invitation: created, teamName: team.name };
  });
  return deliver(db, auth, { ...invitation, teamName }, token, deps);
}

/** Pending and expired invitations of the active team (accepted and revoked ones are done). */
export async function listInvitations(db: Db, auth: AuthContext, now = new Date()) {
  assertCan(auth.role, "members.invite");
  const invitations = await db.invitation.findMany({
    where: { teamId: auth.teamId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true, email: true } } },
  });
  return invitations.map(({ invitedBy, ...i }) => ({
    ...i,
    expired: i.expiresAt <= now,
    invitedBy: invitedBy ? displayNameOf(invitedBy) : null,
  }));
}

/** A new token and a new week for a not yet accepted invitation: the old link stops working. */
export async function resendInvitation(db: Db, auth: AuthContext, invitationId: string, deps: InvitationDeps) {
  assertCan(auth.role, "members.invite");
  const now = deps.now?.() ?? new Date();
  const { token, tokenHash } = newInvitationToken();
  const { invitation, teamName } = await db.$transaction(async (tx) => {
    const team = await lockTeam(tx, auth.teamId);
    const existing = await tx.invitation.findFirst({
      where: { id: invitationId, teamId: team.id, acceptedAt: null, revokedAt: null },
      select: { id: true, role: true, expiresAt: true },
    });
    if (!existing) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND);
    assertCanAssign(auth.role, existing.role);
    // An expired invitation held no seat; bringing it back needs a free one.
    if (existing.expiresAt <= now) await assertSeatFree(tx, team);
    const updated = await tx.invitation.update({
      where: { id: existing.id },
      data: { tokenHash, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), invitedById: auth.userId },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    return { invitation: updated, teamName: team.name };
  });
  return deliver(db, auth, { ...invitation, teamName }, token, deps);
}

export async function revokeInvitation(db: Db, auth: AuthContext, invitationId: string) {
  assertCan(auth.role, "members.invite");
  const { count } = await db.invitation.updateMany({
    where: { id: invitationId, teamId: auth.teamId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND);
  return { id: invitationId };
}

export type InvitationStatus = "pending" | "expired" | "revoked" | "accepted";

/** What the invitation page shows before anyone signs in: the team, who invited, for which email. */
export async function previewInvitation(db: Db, token: string, now = new Date()) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      team: { select: { name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
  if (!invitation) return null;
  return {
    email: invitation.email,
    role: invitation.role,
    teamName: invitation.team.name,
    invitedBy: invitation.invitedBy ? displayNameOf(invitation.invitedBy) : null,
    expiresAt: invitation.expiresAt,
    status: statusOf(invitation, now),
  };
}

/**
 * Joins the invitation's team as the signed-in user and makes it their active team. Single use:
 * the invitation row is locked, so two tabs accepting at once make one membership.
 */
export async function acceptInvitation(db: Db, auth: AuthContext, token: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const found = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, select: { id: true, teamId: true } });
    if (!found) throw new AppError("NOT_FOUND", INVALID_LINK);
    const team = await lockTeam(tx, found.teamId);
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { id: found.id },
      select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true },
    });
    const status = statusOf(invitation, now);
    if (status === "revoked") throw new AppError("CONFLICT", `This invitation to ${team.name} was revoked. Ask for a new one.`);
    if (status === "accepted") throw new AppError("CONFLICT", "This invitation has already been used. Ask for a new one if you still need to join.");
    if (status === "expired") throw new AppError("CONFLICT", `This invitation to ${team.name} has expired. Ask for a new one.`);

    const user = await tx.user.findUniqueOrThrow({ where: { id: auth.userId }, select: { email: true } });
    if (user.email !== invitation.email) {
      throw new AppError(
        "FORBIDDEN",
        `This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign in with ${invitation.email} to accept it.`,
      );
    }
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: auth.userId } }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", `You are already a member of ${team.name}.`);

    // The invitation held its seat until now; the membership takes it over.
    await tx.membership.create({ data: { teamId: team.id, userId: auth.userId, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now, acceptedById: auth.userId } });
    await storeActiveTeam(tx, auth, team.id);
    return { teamId: team.id, teamName: team.name, role: invitation.role };
  });
}

function statusOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  if (i.expiresAt <= now) return "expired";
  return "pending";
}

/**
 * Mails the link when mail is configured. A failed send loses nothing: the invitation stands and
 * the inviter still gets the link, with the reason.
 */
async function deliver(
  db: Db,
  auth: AuthContext,
  invitation: { id: string; email: string; role: MembershipRole; expiresAt: Date; teamName: string },
  token: string,
  deps: InvitationDeps,
): Promise<SentInvitation> {
  const link = invitationLink(deps.baseUrl, token);
  const { teamName, ...rest } = invitation;
  if (!deps.mail.delivers) return { ...rest, link, mailed: false, mailError: null };
  const inviter = await db.user.findUnique({ where: { id: auth.userId }, select: { name: true, email: true } });
  try {
    await deps.mail.send(invitationMail({ to: invitation.email, teamName, inviter: inviter ? displayNameOf(inviter) : "Someone", link, expiresAt: invitation.expiresAt }));
    return { ...rest, link, mailed: true, mailError: null };
  } catch (error) {
    console.error(`[mail] could not send invitation ${invitation.id}:`, error);
    return { ...rest, link, mailed: false, mailError: "The email could not be sent. Copy the link and send it yourself." };
  }
}
