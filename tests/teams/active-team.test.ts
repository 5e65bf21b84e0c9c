import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authFromSessionToken, createSession } from "@/modules/auth/server/sessions";
import { createCaller } from "@/trpc/routers/_app";
import { createOutsider, createSharedTeam } from "./support/team-fixture";

/** The real path: a session token in, the AuthContext every procedure gets out. */
async function signedIn(userId: string) {
  const { token } = await createSession(userId);
  const auth = async () => (await authFromSessionToken(token))!;
  return { token, auth, api: async () => createCaller({ db, auth: await auth() }) };
}

describe("the active team", () => {
  it("is chosen per session: switching in one browser leaves the other on the personal team", async () => {
    const { team, members: [, bea] } = await createSharedTeam(db, ["OWNER", "MEMBER"]);
    const laptop = await signedIn(bea!.userId);
    const phone = await signedIn(bea!.userId);

    expect(await laptop.auth()).toMatchObject({ teamId: bea!.personalTeamId, role: "OWNER" });
    await (await laptop.api()).teams.switch({ teamId: team.id });
    expect(await laptop.auth()).toMatchObject({ teamId: team.id, role: "MEMBER" });
    expect(await phone.auth()).toMatchObject({ teamId: bea!.personalTeamId, role: "OWNER" });
    expect((await (await laptop.api()).teams.list()).find((t) => t.active)?.id).toBe(team.id);
  });

  it("refuses switching to a team one is not in (NOT_FOUND) and keeps the current choice", async () => {
    const { team } = await createSharedTeam(db, ["OWNER"]);
    const mallory = await createOutsider(db, "Mallory");
    const session = await signedIn(mallory.userId);
    await expect((await session.api()).teams.switch({ teamId: team.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await session.auth()).toMatchObject({ teamId: mallory.personalTeamId });
  });

  it("a forged or stale choice falls back to the personal team on the next request", async () => {
    const { team, members: [owner, member] } = await createSharedTeam(db, ["OWNER", "MEMBER"]);
    const mallory = await createOutsider(db, "Mallory");
    const forged = await signedIn(mallory.userId);
    // As if the stored choice had been tampered with: another team's id on Mallory's session row.
    await db.session.updateMany({ where: { userId: mallory.userId }, data: { activeTeamId: team.id } });
    const auth = await forged.auth();
    expect(auth).toMatchObject({ teamId: mallory.personalTeamId, role: "OWNER" });
    expect(await createCaller({ db, auth }).projects.list()).toEqual({ items: [], nextCursor: null });

    // Stale: the member chose the team, then was removed from it.
    const stale = await signedIn(member!.userId);
    await (await stale.api()).teams.switch({ teamId: team.id });
    await createCaller({ db, auth: owner! }).teams.members.remove({ userId: member!.userId });
    expect(await stale.auth()).toMatchObject({ teamId: member!.personalTeamId, role: "OWNER" });

    // Deleted: sessions that had the team active fall back too.
    const ownerSession = await signedIn(owner!.userId);
    await (await ownerSession.api()).teams.switch({ teamId: team.id });
    await (await ownerSession.api()).teams.delete();
    expect(await ownerSession.auth()).toMatchObject({ teamId: owner!.personalTeamId });
  });

  it("a role change takes effect on the very next request", async () => {
    const { team, members: [owner, member] } = await createSharedTeam(db, ["OWNER", "MEMBER"]);
    const session = await signedIn(member!.userId);
    await (await session.api()).teams.switch({ teamId: team.id });
    await createCaller({ db, auth: owner! }).teams.members.changeRole({ userId: member!.userId, role: "ADMIN" });
    expect(await session.auth()).toMatchObject({ teamId: team.id, role: "ADMIN" });
  });

  it("without a session row (Clerk), the choice is kept on the user and checked the same way", async () => {
    const { team, members: [, member] } = await createSharedTeam(db, ["OWNER", "MEMBER"]);
    const clerkStyle = { userId: member!.userId, teamId: member!.personalTeamId, role: "OWNER" as const };
    await createCaller({ db, auth: clerkStyle }).teams.switch({ teamId: team.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: member!.userId } })).activeTeamId).toBe(team.id);
  });
});
