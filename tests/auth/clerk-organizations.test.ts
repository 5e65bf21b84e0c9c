import "../generation/support/model-env";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authFromClerkSession } from "@/modules/auth/server/clerk-session";
import { roleFromClerk } from "@/modules/teams/server/clerk-organizations";
import { createCaller } from "@/trpc/routers/_app";
import { createClerkTestDouble } from "./support/clerk-test-double";

describe("Clerk Organizations map to teams", () => {
  it("without an active org, a Clerk user acts in their personal team, as in local mode", async () => {
    const clerk = createClerkTestDouble();
    const ada = clerk.addUser("Ada");
    const auth = await authFromClerkSession(clerk.session(ada), clerk.backend);
    const team = await db.team.findUniqueOrThrow({ where: { id: auth!.teamId } });
    expect(auth?.role).toBe("OWNER");
    expect(team).toMatchObject({ personal: true, clerkOrgId: null, name: "Ada's team" });
    expect(await authFromClerkSession({ userId: null }, clerk.backend)).toBeNull();
  });

  it("the active org is the active team: created once, named after the org, roles from org roles", async () => {
    const clerk = createClerkTestDouble();
    const [ada, bob] = [clerk.addUser("Ada"), clerk.addUser("Bob")];
    const orgId = clerk.addOrg("Acme Inc");
    clerk.setMember(orgId, ada, "org:admin");
    clerk.setMember(orgId, bob, "org:member");

    const adaAuth = await authFromClerkSession(clerk.session(ada, orgId), clerk.backend);
    const bobAuth = await authFromClerkSession(clerk.session(bob, orgId), clerk.backend);
    expect(bobAuth?.teamId).toBe(adaAuth?.teamId);
    expect([adaAuth?.role, bobAuth?.role]).toEqual(["OWNER", "MEMBER"]);
    const team = await db.team.findUniqueOrThrow({ where: { id: adaAuth!.teamId }, include: { memberships: true } });
    expect(team).toMatchObject({ name: "Acme Inc", clerkOrgId: orgId, personal: false });
    expect(team.memberships).toHaveLength(2);
    // The org's name is asked of Clerk once, when the team is created.
    await authFromClerkSession(clerk.session(ada, orgId), clerk.backend);
    expect(clerk.calls.organizationName).toBe(1);

    // The role decides through the one permission matrix.
    const asBob = createCaller({ db, auth: bobAuth });
    expect((await asBob.teamUsage.plan()).canChangePlan).toBe(false);
    expect((await createCaller({ db, auth: adaAuth }).teamUsage.plan()).canChangePlan).toBe(true);
  });

  it("memberships follow Clerk: a changed org role applies on the next request", async () => {
    const clerk = createClerkTestDouble();
    const bob = clerk.addUser("Bob");
    const orgId = clerk.addOrg("Globex");
    clerk.setMember(orgId, bob, "org:member");
    const before = await authFromClerkSession(clerk.session(bob, orgId), clerk.backend);
    clerk.setMember(orgId, bob, "org:admin");
    const after = await authFromClerkSession(clerk.session(bob, orgId), clerk.backend);
    expect([before?.role, after?.role]).toEqual(["MEMBER", "OWNER"]);
    expect(await db.membership.findUniqueOrThrow({ where: { teamId_userId: { teamId: after!.teamId, userId: after!.userId } } })).toMatchObject({
      role: "OWNER",
    });
  });

  it("switching the active org in Clerk switches the team; the personal account is the personal team", async () => {
    const clerk = createClerkTestDouble();
    const ada = clerk.addUser("Ada");
    const [one, two] = [clerk.addOrg("One"), clerk.addOrg("Two")];
    clerk.setMember(one, ada, "org:member");
    clerk.setMember(two, ada, "org:manager");
    const inOne = await authFromClerkSession(clerk.session(ada, one), clerk.backend);
    const inTwo = await authFromClerkSession(clerk.session(ada, two), clerk.backend);
    const personal = await authFromClerkSession(clerk.session(ada), clerk.backend);
    expect(new Set([inOne?.teamId, inTwo?.teamId, personal?.teamId]).size).toBe(3);
    expect([inOne?.role, inTwo?.role, personal?.role]).toEqual(["MEMBER", "ADMIN", "OWNER"]);
  });

  it("creates one team when first requests for a new org race", async () => {
    const clerk = createClerkTestDouble();
    const orgId = clerk.addOrg("Racers");
    const people = Array.from({ length: 5 }, (_, i) => clerk.addUser(`Racer ${i}`));
    for (const who of people) clerk.setMember(orgId, who, "org:member");
    const auths = await Promise.all(people.map((who) => authFromClerkSession(clerk.session(who, orgId), clerk.backend)));
    expect(new Set(auths.map((a) => a?.teamId)).size).toBe(1);
    expect(await db.team.count({ where: { clerkOrgId: orgId } })).toBe(1);
    expect(await db.membership.count({ where: { teamId: auths[0]!.teamId } })).toBe(5);
  });

  it("maps unknown custom roles to the least privilege", () => {
    expect(roleFromClerk("org:billing_viewer")).toBe("MEMBER");
    expect(roleFromClerk(null)).toBe("MEMBER");
    expect(roleFromClerk("org:owner")).toBe("OWNER");
  });
});
