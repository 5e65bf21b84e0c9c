import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findUserIdByClerkId, linkOrCreateClerkUser, UNVERIFIED_EMAIL, type ClerkIdentity } from "@/modules/auth/server/clerk-users";
import { signUp } from "@/modules/auth/server/local-accounts";

let counter = 0;
function identity(overrides: Partial<ClerkIdentity> = {}): ClerkIdentity {
  const n = ++counter;
  return { clerkId: `user_${n}_${Date.now()}`, email: `C${n}-${Date.now()}@Example.com`, emailVerified: true, name: "Clara Clerk", ...overrides };
}

describe("Clerk users on first sight", () => {
  it("creates the User (lower-cased email, no password) with a personal team, once", async () => {
    const who = identity();
    const userId = await linkOrCreateClerkUser(who);

    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { include: { team: true } } } });
    expect(user).toMatchObject({ clerkId: who.clerkId, email: who.email!.toLowerCase(), name: "Clara Clerk", passwordHash: null });
    expect(user.memberships).toEqual([expect.objectContaining({ role: "OWNER", team: expect.objectContaining({ personal: true, plan: "FREE" }) })]);

    expect(await linkOrCreateClerkUser(who)).toBe(userId);
    expect(await findUserIdByClerkId(who.clerkId)).toBe(userId);
  });

  it("creates one user when first requests race", async () => {
    for (let round = 0; round < 4; round++) {
      const who = identity();
      const ids = await Promise.all(Array.from({ length: 5 }, () => linkOrCreateClerkUser(who)));
      expect(new Set(ids).size).toBe(1);
      expect(await db.user.count({ where: { clerkId: who.clerkId } })).toBe(1);
      expect(await db.membership.count({ where: { userId: ids[0] } })).toBe(1);
    }
  });

  it("links an existing local account with the same verified email, keeping its team", async () => {
    const who = identity();
    const { userId } = await signUp({ email: who.email!, password: "a long enough password" });
    const teamsBefore = await db.team.count();

    expect(await linkOrCreateClerkUser(who)).toBe(userId);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).clerkId).toBe(who.clerkId);
    expect(await db.team.count()).toBe(teamsBefore);
  });

  it("does not link a local account to an unverified email", async () => {
    const who = identity({ emailVerified: false });
    const { userId } = await signUp({ email: who.email!, password: "a long enough password" });

    await expect(linkOrCreateClerkUser(who)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).clerkId).toBeNull();
  });

  it("creates no account from an unverified email, so its real owner can still claim it", async () => {
    const squatter = identity({ emailVerified: false });
    await expect(linkOrCreateClerkUser(squatter)).rejects.toMatchObject({ code: "FORBIDDEN", message: UNVERIFIED_EMAIL });
    expect(await db.user.count({ where: { email: squatter.email!.toLowerCase() } })).toBe(0);
    expect(await findUserIdByClerkId(squatter.clerkId)).toBeNull();

    // The owner, once verified in Clerk, gets the account (and the squatter's Clerk id never does).
    const owner = identity({ email: squatter.email });
    const ownerId = await linkOrCreateClerkUser(owner);
    expect(await db.user.findUniqueOrThrow({ where: { id: ownerId } })).toMatchObject({ clerkId: owner.clerkId });
    await expect(linkOrCreateClerkUser(squatter)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("does not link to an unverified email even when racing a verified first request", async () => {
    const owner = identity();
    const squatter = identity({ email: owner.email, emailVerified: false });
    const results = await Promise.allSettled([linkOrCreateClerkUser(squatter), linkOrCreateClerkUser(owner)]);
    expect(results[0]).toMatchObject({ status: "rejected" });
    expect(await db.user.findMany({ where: { email: owner.email!.toLowerCase() }, select: { clerkId: true } })).toEqual([
      { clerkId: owner.clerkId },
    ]);
  });

  it("refuses an email already linked to a different Clerk user, and a Clerk user without email", async () => {
    const first = identity();
    await linkOrCreateClerkUser(first);
    await expect(linkOrCreateClerkUser(identity({ email: first.email }))).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(linkOrCreateClerkUser(identity({ email: null }))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
