import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ensurePersonalTeam } from "@/modules/teams/server/personal-team";
import { activeMembershipFor } from "@/modules/teams/server/active-team";

let counter = 0;
const newUser = () => db.user.create({ data: { email: `t${++counter}-${Date.now()}@example.com` } });
const ownedTeams = (userId: string) =>
  db.team.findMany({ where: { memberships: { some: { userId, role: "OWNER" } } }, include: { memberships: true } });

describe("ensurePersonalTeam", () => {
  it("creates one personal FREE team owned by the user, and returns the same one afterwards", async () => {
    const user = await newUser();
    const first = await ensurePersonalTeam(user.id, "Grace");
    const second = await ensurePersonalTeam(user.id, "Someone else");

    expect(second).toBe(first);
    const teams = await ownedTeams(user.id);
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ id: first, name: "Grace's team", personal: true, plan: "FREE" });
    expect(teams[0]!.memberships).toEqual([expect.objectContaining({ userId: user.id, role: "OWNER" })]);
  });

  it("creates exactly one team when five requests race", async () => {
    // Several rounds: a single round can pass by luck of scheduling even without the row lock.
    for (let round = 0; round < 4; round++) {
      const user = await newUser();
      const ids = await Promise.all(Array.from({ length: 5 }, () => ensurePersonalTeam(user.id, "Racer")));
      expect(new Set(ids).size).toBe(1);
      expect(await ownedTeams(user.id)).toHaveLength(1);
      expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
    }
  });

  it("refuses a user that does not exist", async () => {
    await expect(ensurePersonalTeam("no-such-user", "Ghost")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("activeMembershipFor", () => {
  it("is the personal team, not a team the user joined later", async () => {
    const user = await newUser();
    const personal = await ensurePersonalTeam(user.id, "Ida");
    const other = await db.team.create({ data: { name: "Other", memberships: { create: { userId: user.id, role: "MEMBER" } } } });

    expect(await activeMembershipFor(user.id)).toEqual({ teamId: personal, role: "OWNER" });
    expect(other.id).not.toBe(personal);
  });

  it("for a user who owns no team but belongs to others', is the earliest team joined, with that role", async () => {
    const user = await newUser();
    const first = await db.team.create({ data: { name: "First", memberships: { create: { userId: user.id, role: "MEMBER" } } } });
    await db.team.create({ data: { name: "Second", memberships: { create: { userId: user.id, role: "ADMIN" } } } });
    expect(await activeMembershipFor(user.id)).toEqual({ teamId: first.id, role: "MEMBER" });
    expect(await ownedTeams(user.id)).toEqual([]);
  });

  it("gives a user left without any team a new personal team", async () => {
    const user = await newUser();
    const { teamId } = await activeMembershipFor(user.id);
    expect(await ownedTeams(user.id)).toEqual([expect.objectContaining({ id: teamId, personal: true })]);
  });
});
