import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { activeMembershipFor } from "@/modules/teams/server/active-team";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  resendInvitation,
  revokeInvitation,
} from "@/modules/teams/server/invitations";
import { rejection } from "../support/rejection";
import { copyLinkDeps, tokenOf } from "./support/mail";
import { createOutsider, createSharedTeam } from "./support/team-fixture";

async function refusal(promise: Promise<unknown>) {
  const error = await rejection<AppError>(promise);
  expect(error).toBeInstanceOf(AppError);
  return error;
}

async function invite(auth: Parameters<typeof createInvitation>[1], email: string, role: "OWNER" | "ADMIN" | "MEMBER" = "MEMBER") {
  return createInvitation(db, auth, { email, role }, copyLinkDeps);
}

describe("invitations", () => {
  it("without mail, the inviter gets a copyable link; the token is stored only as its SHA-256", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const sent = await invite(owner!, "bea@example.test", "ADMIN");
    expect(sent).toMatchObject({ email: "bea@example.test", role: "ADMIN", mailed: false, mailError: null });
    expect(sent.link).toMatch(/^http:\/\/ollio\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(sent.link);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    // 7 days.
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 3_600_000)).toBe(7 * 24);
  });

  it("accepting with the invited email joins the team with the role and makes it the active team; the link works once", async () => {
    const { team, members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const bea = await createOutsider(db, "Bea");
    const sent = await invite(owner!, bea.email, "ADMIN");
    const token = tokenOf(sent.link);

    expect(await previewInvitation(db, token)).toMatchObject({ email: bea.email, teamName: "Acme", role: "ADMIN", status: "pending" });
    expect(await acceptInvitation(db, bea, token)).toEqual({ teamId: team.id, teamName: "Acme", role: "ADMIN" });
    expect(await db.membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: bea.userId } } })).toMatchObject({ role: "ADMIN" });
    // No session in this test: the choice went to the User row, which activeMembershipFor honours.
    const { activeTeamId } = await db.user.findUniqueOrThrow({ where: { id: bea.userId } });
    expect(await activeMembershipFor(bea.userId, activeTeamId)).toEqual({ teamId: team.id, role: "ADMIN" });

    const reused = await refusal(acceptInvitation(db, bea, token));
    expect(reused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already been used") });
    expect(await previewInvitation(db, token)).toMatchObject({ status: "accepted" });
    expect(await listInvitations(db, owner!)).toEqual([]);
  });

  it("two tabs accepting at once make one membership", async () => {
    const { team, members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const bea = await createOutsider(db, "Bea");
    const token = tokenOf((await invite(owner!, bea.email)).link);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => acceptInvitation(db, bea, token)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { teamId: team.id, userId: bea.userId } })).toBe(1);
  });

  it("refuses the wrong account, naming both emails, and leaves the invitation usable", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const bea = await createOutsider(db, "Bea");
    const carl = await createOutsider(db, "Carl");
    const token = tokenOf((await invite(owner!, bea.email)).link);

    const wrong = await refusal(acceptInvitation(db, carl, token));
    expect(wrong.code).toBe("FORBIDDEN");
    expect(wrong.message).toBe(`This invitation is for ${bea.email}, but you are signed in as ${carl.email}. Sign in with ${bea.email} to accept it.`);
    expect(await db.membership.count({ where: { userId: carl.userId } })).toBe(1);
    await acceptInvitation(db, bea, token);
  });

  it("refuses an expired invitation; resending gives a new token and a new week, and the old link stops working", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const bea = await createOutsider(db, "Bea");
    const sent = await invite(owner!, bea.email);
    await db.invitation.update({ where: { id: sent.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const expired = await refusal(acceptInvitation(db, bea, tokenOf(sent.link)));
    expect(expired).toMatchObject({ code: "CONFLICT", message: "This invitation to Acme has expired. Ask for a new one." });
    expect(await listInvitations(db, owner!)).toEqual([expect.objectContaining({ id: sent.id, expired: true })]);

    const resent = await resendInvitation(db, owner!, sent.id, copyLinkDeps);
    expect(resent.link).not.toBe(sent.link);
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3_600_000);
    const old = await refusal(acceptInvitation(db, bea, tokenOf(sent.link)));
    expect(old).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("not valid") });
    expect(await previewInvitation(db, tokenOf(sent.link))).toBeNull();
    await acceptInvitation(db, bea, tokenOf(resent.link));
  });

  it("refuses a revoked invitation, and a revoked one cannot be resent", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const bea = await createOutsider(db, "Bea");
    const sent = await invite(owner!, bea.email);
    await revokeInvitation(db, owner!, sent.id);
    const revoked = await refusal(acceptInvitation(db, bea, tokenOf(sent.link)));
    expect(revoked).toMatchObject({ code: "CONFLICT", message: "This invitation to Acme was revoked. Ask for a new one." });
    expect((await refusal(resendInvitation(db, owner!, sent.id, copyLinkDeps))).code).toBe("NOT_FOUND");
    expect((await refusal(revokeInvitation(db, owner!, sent.id))).code).toBe("NOT_FOUND");
    expect(await listInvitations(db, owner!)).toEqual([]);
  });

  it("refuses inviting an existing member or an address already invited, and accepting when already a member", async () => {
    const { members: [owner, member] } = await createSharedTeam(db, ["OWNER", "MEMBER"]);
    const memberAgain = await refusal(invite(owner!, member!.email));
    expect(memberAgain).toMatchObject({ code: "CONFLICT", message: `${member!.email} is already a member of Acme.` });
    // Emails are matched case-insensitively (they are stored lower-cased; the input schema lowers them).
    const bea = await createOutsider(db, "Bea");
    const sent = await invite(owner!, bea.email);
    expect((await refusal(invite(owner!, bea.email))).message).toContain("already invited");

    // Bea joined meanwhile by another way (e.g. an owner added her); her link then says so.
    await db.membership.create({ data: { teamId: owner!.teamId, userId: bea.userId, role: "MEMBER" } });
    const already = await refusal(acceptInvitation(db, bea, tokenOf(sent.link)));
    expect(already).toMatchObject({ code: "CONFLICT", message: "You are already a member of Acme." });
  });

  it("counts members plus pending invitations against the plan's seats (FREE: 3); revoked and expired ones free their seat", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"], { plan: "FREE" });
    const first = await invite(owner!, "one@example.test");
    await invite(owner!, "two@example.test");
    const full = await refusal(invite(owner!, "three@example.test"));
    expect(full).toMatchObject({
      code: "CONFLICT",
      message: "Acme is full: the Free plan has 3 seats (1 member and 2 pending invitations). Remove someone, revoke an invitation or change the plan.",
    });

    await revokeInvitation(db, owner!, first.id);
    const third = await invite(owner!, "three@example.test");
    await db.invitation.update({ where: { id: third.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await invite(owner!, "four@example.test");
    // The expired one held no seat; bringing it back needs one, and there is none now.
    const resendFull = await refusal(resendInvitation(db, owner!, third.id, copyLinkDeps));
    expect(resendFull.message).toMatch(/^Acme is full/);
  });

  it("never gives away more seats than the plan has, even when invitations race", async () => {
    const { team, members: [owner] } = await createSharedTeam(db, ["OWNER"], { plan: "FREE" });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => invite(owner!, `racer${i}@example.test`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(2);
  });

  it("refuses invitations into a personal team, and roles above the inviter's", async () => {
    const bea = await createOutsider(db, "Bea");
    const personal = await refusal(invite(bea, "friend@example.test"));
    expect(personal).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("personal team") });

    const { members: [, admin, member] } = await createSharedTeam(db, ["OWNER", "ADMIN", "MEMBER"]);
    expect(await refusal(invite(admin!, "boss@example.test", "OWNER"))).toMatchObject({
      code: "FORBIDDEN",
      message: "Only an owner can make someone an owner.",
    });
    expect(await refusal(invite(member!, "pal@example.test"))).toMatchObject({ code: "FORBIDDEN", message: "Only owners and admins can invite people." });
    await invite(admin!, "helper@example.test", "ADMIN");
  });

  it("another team's invitations answer NOT_FOUND", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const { members: [otherOwner] } = await createSharedTeam(db, ["OWNER"], { name: "Other" });
    const sent = await invite(owner!, "bea@example.test");
    expect((await refusal(revokeInvitation(db, otherOwner!, sent.id))).code).toBe("NOT_FOUND");
    expect((await refusal(resendInvitation(db, otherOwner!, sent.id, copyLinkDeps))).code).toBe("NOT_FOUND");
    expect(await listInvitations(db, otherOwner!)).toEqual([]);
  });
});
