import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCaller } from "@/trpc/routers/_app";
import { rejection } from "../support/rejection";
import { createOutsider, createSharedTeam, type Member } from "./support/team-fixture";

const api = (auth: Member) => createCaller({ db, auth });
const roleOf = async (teamId: string, userId: string) =>
  (await db.membership.findUnique({ where: { teamId_userId: { teamId, userId } } }))?.role ?? null;

describe("the last-owner rule", () => {
  it("the only owner cannot demote themselves or leave; once someone else owns the team, they can", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "ADMIN"]);
    const [owner, admin] = members as [Member, Member];
    const onlyOwner = "You are this team's only owner. Make someone else an owner first.";
    await expect(api(owner).teams.members.changeRole({ userId: owner.userId, role: "ADMIN" })).rejects.toMatchObject({ code: "CONFLICT", message: onlyOwner });
    await expect(api(owner).teams.leave()).rejects.toMatchObject({ code: "CONFLICT", message: onlyOwner });
    expect(await roleOf(team.id, owner.userId)).toBe("OWNER");

    await api(owner).teams.members.changeRole({ userId: admin.userId, role: "OWNER" });
    await api(owner).teams.leave();
    expect(await roleOf(team.id, owner.userId)).toBeNull();
    // The one left is the only owner now.
    await expect(api({ ...admin, role: "OWNER" }).teams.leave()).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("transferring ownership makes the other member owner and the caller admin, in one step", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "MEMBER"]);
    const [owner, member] = members as [Member, Member];
    await api(owner).teams.members.transferOwnership({ userId: member.userId });
    expect(await roleOf(team.id, member.userId)).toBe("OWNER");
    expect(await roleOf(team.id, owner.userId)).toBe("ADMIN");
  });

  it("two owners demoting each other at the same moment: one wins, the team keeps an owner", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "OWNER"]);
    const [a, b] = members as [Member, Member];
    const results = await Promise.allSettled([
      api(a).teams.members.changeRole({ userId: b.userId, role: "MEMBER" }),
      api(b).teams.members.changeRole({ userId: a.userId, role: "MEMBER" }),
      api(a).teams.members.changeRole({ userId: a.userId, role: "MEMBER" }),
      api(b).teams.members.changeRole({ userId: b.userId, role: "MEMBER" }),
    ]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    expect(await db.membership.count({ where: { teamId: team.id, role: "OWNER" } })).toBe(1);
  });
});

describe("roles act on members below them", () => {
  it("admins invite, remove and promote members, but cannot touch admins or owners or grant OWNER", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "ADMIN", "ADMIN", "MEMBER", "MEMBER"]);
    const [owner, admin, otherAdmin, member, otherMember] = members as [Member, Member, Member, Member, Member];

    await api(admin).teams.members.changeRole({ userId: member.userId, role: "ADMIN" });
    expect(await roleOf(team.id, member.userId)).toBe("ADMIN");
    await expect(api(admin).teams.members.changeRole({ userId: otherAdmin.userId, role: "MEMBER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an owner can manage admins.",
    });
    await expect(api(admin).teams.members.changeRole({ userId: otherMember.userId, role: "OWNER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an owner can transfer ownership.",
    });
    await expect(api(admin).teams.members.remove({ userId: owner.userId })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only an owner can manage owners." });
    await api(admin).teams.members.remove({ userId: otherMember.userId });
    expect(await roleOf(team.id, otherMember.userId)).toBeNull();
  });

  it("a removed member's projects stay with the team, and their next request falls back to their personal team", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "MEMBER"]);
    const [owner, member] = members as [Member, Member];
    const project = await db.project.create({ data: { teamId: team.id, createdById: member.userId, name: "Kept" } });
    await api(owner).teams.members.remove({ userId: member.userId });
    expect(await db.project.count({ where: { id: project.id } })).toBe(1);
    // The stale AuthContext still says the team; the membership check on the next request does not.
    const { activeMembershipFor } = await import("@/modules/teams/server/active-team");
    expect(await activeMembershipFor(member.userId, team.id)).toEqual({ teamId: member.personalTeamId, role: "OWNER" });
  });

  it("another team's members answer NOT_FOUND", async () => {
    const { members: [owner] } = await createSharedTeam(db, ["OWNER"]);
    const outsider = await createOutsider(db);
    for (const attempt of [
      () => api(owner!).teams.members.changeRole({ userId: outsider.userId, role: "MEMBER" }),
      () => api(owner!).teams.members.remove({ userId: outsider.userId }),
      () => api(owner!).teams.members.setCap({ userId: outsider.userId, monthlyCreditCap: 1 }),
      () => api(owner!).teams.members.transferOwnership({ userId: outsider.userId }),
    ]) {
      expect(await rejection(attempt())).toMatchObject({ code: "NOT_FOUND", message: "Member not found." });
    }
  });
});

describe("teams", () => {
  it("create, rename, list with plan and credits; delete only by the owner, never the personal team, not while a run is active", async () => {
    const alice = await createOutsider(db, "Alice");
    const created = await createCaller({ db, auth: alice }).teams.create({ name: "  Studio  " });
    expect(created).toMatchObject({ name: "Studio", plan: "FREE", personal: false });
    const inStudio: Member = { ...alice, teamId: created.id, role: "OWNER" };

    const teams = await api(alice).teams.list();
    expect(teams.map((t) => [t.name, t.plan, t.credits, t.role])).toEqual([
      ["Alice's team", "FREE", 25, "OWNER"],
      ["Studio", "FREE", 25, "OWNER"],
    ]);
    await api(inStudio).teams.rename({ name: "Studio 2" });
    await expect(api(inStudio).teams.rename({ name: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await expect(api(alice).teams.delete()).rejects.toMatchObject({ code: "CONFLICT", message: "Your personal team cannot be deleted." });

    const project = await db.project.create({ data: { teamId: created.id, createdById: alice.userId, name: "Busy" } });
    const message = await db.message.create({ data: { projectId: project.id, role: "USER", content: "x" } });
    const run = await db.run.create({ data: { projectId: project.id, teamId: created.id, userMessageId: message.id, status: "RUNNING" } });
    await expect(api(inStudio).teams.delete()).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("still running") });
    await db.run.update({ where: { id: run.id }, data: { status: "SUCCEEDED" } });

    await expect(api({ ...inStudio, role: "ADMIN" }).teams.delete()).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only the team's owner can delete the team." });
    await api(inStudio).teams.delete();
    expect(await db.team.count({ where: { id: created.id } })).toBe(0);
    expect(await db.project.count({ where: { id: project.id } })).toBe(0);
  });
});
