import "./support/model-env";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import type { MembershipRole } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { createSession, authFromSessionToken } from "@/modules/auth/server/sessions";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { createCaller } from "@/trpc/routers/_app";
import { createSharedTeam, type Member } from "../teams/support/team-fixture";
import { addTeamMember, createProject, createTeamMember } from "./support/fixtures";

/** runs.poll: what the project view repeats while a run works (see pollProject). */
afterAll(() => stopBoss(env.DATABASE_URL));

const callerFor = (auth: AuthContext) => createCaller({ db, auth });

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

async function runIn(projectId: string, by: AuthContext, status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED", createdAt?: Date) {
  const prompt = await db.message.create({ data: { projectId, role: "USER", content: "A page", ...(createdAt && { createdAt }) } });
  const run = await db.run.create({
    data: { projectId, teamId: by.teamId, createdById: by.userId, userMessageId: prompt.id, status, ...(createdAt && { createdAt }) },
  });
  return { prompt, run };
}

describe("runs.poll", () => {
  it("answers the run the view follows and the newest message's id, like runs.active", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const api = callerFor(auth);
    expect(await api.runs.poll({ projectId: project.id })).toEqual({ run: null, lastMessageId: null });

    // An active run wins over a newer finished one; the newest message is whatever came last.
    const earlier = new Date(Date.now() - 60_000);
    const { run: active } = await runIn(project.id, auth, "RUNNING", earlier);
    await db.run.update({ where: { id: active.id }, data: { progress: [{ at: "2026-01-01T00:00:00.000Z", kind: "tool", detail: "Writing files" }] } });
    const { prompt: newest } = await runIn(project.id, auth, "FAILED");
    const polled = await api.runs.poll({ projectId: project.id });
    expect(polled).toEqual({ run: await api.runs.active({ projectId: project.id }), lastMessageId: newest.id });
    expect(polled.run).toMatchObject({
      id: active.id,
      status: "RUNNING",
      progress: [{ kind: "tool", detail: "Writing files" }],
      queuedAt: expect.any(Date),
      startedBy: { id: auth.userId, isYou: true },
      canCancel: true,
    });

    await db.run.update({ where: { id: active.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
    const answer = await db.message.create({ data: { projectId: project.id, role: "ASSISTANT", content: "Built." } });
    // Now the latest run (the failed one) is followed, and the result is the newest message.
    expect(await api.runs.poll({ projectId: project.id })).toMatchObject({ run: { status: "FAILED" }, lastMessageId: answer.id });
  });

  it("answers another team's project as NOT_FOUND, and refuses signed-out callers", async () => {
    const owner = await createTeamMember(db, { credits: 5 });
    const stranger = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, owner.auth);
    await runIn(project.id, owner.auth, "RUNNING");
    expect(await codeOf(callerFor(stranger.auth).runs.poll({ projectId: project.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(owner.auth).runs.poll({ projectId: "no-such-project" }))).toBe("NOT_FOUND");
    expect(await codeOf(createCaller({ db, auth: null }).runs.poll({ projectId: project.id }))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(owner.auth).runs.poll({ projectId: "" }))).toBe("BAD_REQUEST");
  });

  it("follows the role rules: every role sees the run; only its starter, owners and admins may stop it", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "ADMIN", "MEMBER", "MEMBER"]);
    const [owner, admin, member, starter] = members as [Member, Member, Member, Member];
    const project = await createProject(db, starter);
    await runIn(project.id, starter, "QUEUED");
    const canCancel: Record<string, boolean> = {};
    for (const [name, auth] of Object.entries({ owner, admin, member, starter })) {
      const { run } = await callerFor(auth).runs.poll({ projectId: project.id });
      expect(run?.startedBy).toMatchObject({ id: starter.userId, isYou: auth.userId === starter.userId });
      canCancel[name] = run!.canCancel;
    }
    expect(canCancel).toEqual({ owner: true, admin: true, member: false, starter: true });
    expect(team.id).toBe(project.teamId);
  });

  it("a session cookie authenticates as its active team, re-checked against the membership on every request", async () => {
    const { auth: host } = await createTeamMember(db, { credits: 5 });
    const guest = await addTeamMember(db, host.teamId, "MEMBER");
    const project = await createProject(db, host);
    await runIn(project.id, host, "RUNNING");
    const { token } = await createSession(guest.auth.userId);
    const session = await db.session.findFirstOrThrow({ where: { userId: guest.auth.userId } });
    await db.session.update({ where: { id: session.id }, data: { activeTeamId: host.teamId } });

    const asGuest = async () => callerFor((await authFromSessionToken(token))!).runs.poll({ projectId: project.id });
    expect(await authFromSessionToken(token)).toMatchObject({ teamId: host.teamId, role: "MEMBER" as MembershipRole });
    expect((await asGuest()).run).toMatchObject({ status: "RUNNING", canCancel: false });

    // Removed from the team: the next request acts for their own team, where the project is not.
    await db.membership.delete({ where: { teamId_userId: { teamId: host.teamId, userId: guest.auth.userId } } });
    expect((await authFromSessionToken(token))?.teamId).not.toBe(host.teamId);
    expect(await codeOf(asGuest())).toBe("NOT_FOUND");
  });
});
