import "../generation/support/model-env";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import type { MembershipRole } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { createInvitation } from "@/modules/teams/server/invitations";
import { appRouter, createCaller } from "@/trpc/routers/_app";
import { createProject } from "../support/factories";
import { copyLinkDeps, tokenOf } from "./support/mail";
import { createSharedTeam, type Member } from "./support/team-fixture";

/**
 * Role × procedure through the real tRPC caller: every procedure of the app router, run by an
 * OWNER, an ADMIN and a MEMBER of a shared team, must succeed or answer FORBIDDEN as the matrix
 * says — and a FORBIDDEN call must change nothing. A procedure added to the router without a row
 * here fails the coverage check at the end.
 */
afterAll(() => stopBoss(env.DATABASE_URL));

const ROLES = ["OWNER", "ADMIN", "MEMBER"] as const satisfies MembershipRole[];
/** "ok", or the error code the call must answer (anything refused must also change nothing). */
type Outcome = "ok" | "FORBIDDEN" | "NOT_FOUND" | "PRECONDITION_FAILED";
type Api = ReturnType<typeof createCaller>;

/** A shared team: `caller` in the role under test, plus an owner, a member and an admin to act on. */
async function fixture(role: MembershipRole) {
  const { team, members } = await createSharedTeam(db, ["OWNER", role, "MEMBER", "ADMIN"], { credits: 50 });
  const [boss, caller, peer, peerAdmin] = members as [Member, Member, Member, Member];
  const own = await createProject(db, caller, "Mine");
  const theirs = await createProject(db, peer, "Theirs");
  return { team, boss, caller, peer, peerAdmin, own, theirs };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

async function runIn(projectId: string, by: Member, status: "QUEUED" | "FAILED") {
  const message = await db.message.create({ data: { projectId, role: "USER", content: "A page" } });
  return db.run.create({ data: { projectId, teamId: by.teamId, createdById: by.userId, userMessageId: message.id, status } });
}
async function fragmentIn(projectId: string) {
  const answer = await db.message.create({ data: { projectId, role: "ASSISTANT", content: "Built." } });
  return db.fragment.create({ data: { messageId: answer.id, projectId, number: 1, title: "v1", files: { "index.html": "<h1>Hi</h1>" } } });
}
const pendingInvitation = (f: Fixture) => createInvitation(db, f.boss, { email: "guest@example.test", role: "MEMBER" }, copyLinkDeps);

type Case = {
  procedure: string;
  on?: string;
  /** Rows the call needs (a run, a version, an invitation), made before the "before" snapshot. */
  setup?: (f: Fixture) => Promise<string>;
  call: (api: Api, f: Fixture, id: string) => Promise<unknown>;
  expect: Record<(typeof ROLES)[number], Outcome>;
};
const all: Case["expect"] = { OWNER: "ok", ADMIN: "ok", MEMBER: "ok" };
const managers: Case["expect"] = { OWNER: "ok", ADMIN: "ok", MEMBER: "FORBIDDEN" };
const owners: Case["expect"] = { OWNER: "ok", ADMIN: "FORBIDDEN", MEMBER: "FORBIDDEN" };
/** Instance administration is not team-scoped: to every team role it does not exist. */
const nobody: Case["expect"] = { OWNER: "NOT_FOUND", ADMIN: "NOT_FOUND", MEMBER: "NOT_FOUND" };

const CASES: Case[] = [
  { procedure: "projects.create", call: (api) => api.projects.create({ content: "A pricing page" }), expect: all },
  { procedure: "projects.list", call: (api) => api.projects.list(), expect: all },
  { procedure: "projects.get", on: "a teammate's project", call: (api, f) => api.projects.get({ projectId: f.theirs.id }), expect: all },
  { procedure: "projects.rename", on: "their own project", call: (api, f) => api.projects.rename({ projectId: f.own.id, name: "Renamed" }), expect: all },
  { procedure: "projects.rename", on: "a teammate's project", call: (api, f) => api.projects.rename({ projectId: f.theirs.id, name: "Renamed" }), expect: managers },
  { procedure: "projects.delete", on: "their own project", call: (api, f) => api.projects.delete({ projectId: f.own.id }), expect: all },
  { procedure: "projects.delete", on: "a teammate's project", call: (api, f) => api.projects.delete({ projectId: f.theirs.id }), expect: managers },

  { procedure: "messages.list", on: "a teammate's project", call: (api, f) => api.messages.list({ projectId: f.theirs.id }), expect: all },
  {
    procedure: "messages.fragmentFiles",
    on: "a teammate's version",
    setup: async (f) => (await fragmentIn(f.theirs.id)).id,
    call: (api, _f, fragmentId) => api.messages.fragmentFiles({ fragmentId }),
    expect: all,
  },
  { procedure: "messages.create", on: "a teammate's project", call: (api, f) => api.messages.create({ projectId: f.theirs.id, content: "Make it blue" }), expect: all },

  { procedure: "versions.list", on: "a teammate's project", call: (api, f) => api.versions.list({ projectId: f.theirs.id }), expect: all },
  { procedure: "versions.compare", on: "a teammate's version", setup: async (f) => (await fragmentIn(f.theirs.id)).id, call: (api, _f, toId) => api.versions.compare({ toId }), expect: all },
  { procedure: "versions.restore", on: "a teammate's version", setup: async (f) => (await fragmentIn(f.theirs.id)).id, call: (api, _f, fragmentId) => api.versions.restore({ fragmentId }), expect: all },
  {
    procedure: "versions.saveEdit",
    on: "a teammate's version",
    setup: async (f) => (await fragmentIn(f.theirs.id)).id,
    call: (api, _f, baseVersionId) => api.versions.saveEdit({ baseVersionId, files: { "index.html": "<h1>Edited</h1>" } }),
    expect: all,
  },
  { procedure: "sharing.list", on: "a teammate's project", call: (api, f) => api.sharing.list({ projectId: f.theirs.id }), expect: all },
  { procedure: "sharing.create", on: "a teammate's version", setup: async (f) => (await fragmentIn(f.theirs.id)).id, call: (api, _f, fragmentId) => api.sharing.create({ fragmentId }), expect: all },
  {
    procedure: "sharing.revoke",
    on: "a teammate's link",
    setup: async (f) => {
      const fragment = await fragmentIn(f.theirs.id);
      return (await db.shareLink.create({ data: { projectId: f.theirs.id, fragmentId: fragment.id, tokenHash: `hash-${fragment.id}`, createdById: f.peer.userId } })).id;
    },
    call: (api, _f, linkId) => api.sharing.revoke({ linkId }),
    expect: all,
  },

  { procedure: "runs.active", on: "a teammate's project", call: (api, f) => api.runs.active({ projectId: f.theirs.id }), expect: all },
  { procedure: "runs.poll", on: "a teammate's project", call: (api, f) => api.runs.poll({ projectId: f.theirs.id }), expect: all },
  { procedure: "runs.retry", on: "a teammate's failed run", setup: async (f) => (await runIn(f.theirs.id, f.peer, "FAILED")).id, call: (api, _f, runId) => api.runs.retry({ runId }), expect: all },
  { procedure: "runs.cancel", on: "their own run", setup: async (f) => (await runIn(f.own.id, f.caller, "QUEUED")).id, call: (api, _f, runId) => api.runs.cancel({ runId }), expect: all },
  { procedure: "runs.cancel", on: "a teammate's run", setup: async (f) => (await runIn(f.theirs.id, f.peer, "QUEUED")).id, call: (api, _f, runId) => api.runs.cancel({ runId }), expect: managers },

  { procedure: "usage.status", call: (api) => api.usage.status(), expect: all },
  { procedure: "teamUsage.report", call: (api) => api.teamUsage.report({ month: new Date().toISOString().slice(0, 7) }), expect: all },
  { procedure: "teamUsage.plan", call: (api) => api.teamUsage.plan(), expect: all },
  { procedure: "teamUsage.requestPlanChange", call: (api) => api.teamUsage.requestPlanChange({ plan: "PRO" }), expect: owners },

  { procedure: "models.settings", call: (api) => api.models.settings(), expect: all },
  { procedure: "models.setDefault", call: (api) => api.models.setDefault({ model: null }), expect: owners },
  { procedure: "models.setApiKey", call: (api) => api.models.setApiKey({ apiKey: "sk-test-matrix-1234" }), expect: owners },
  { procedure: "models.removeApiKey", call: (api) => api.models.removeApiKey(), expect: owners },
  // Past the role check, an owner is told to set a key first: the call reaches no model.
  { procedure: "models.testConnection", call: (api) => api.models.testConnection(), expect: { ...owners, OWNER: "PRECONDITION_FAILED" } },

  { procedure: "admin.teams", call: (api) => api.admin.teams({ search: "" }), expect: nobody },
  { procedure: "admin.changePlan", call: (api, f) => api.admin.changePlan({ teamId: f.team.id, plan: "TEAM" }), expect: nobody },
  { procedure: "admin.grantCredits", call: (api, f) => api.admin.grantCredits({ teamId: f.team.id, amount: 10, note: "Matrix" }), expect: nobody },

  { procedure: "teams.list", call: (api) => api.teams.list(), expect: all },
  { procedure: "teams.current", call: (api) => api.teams.current(), expect: all },
  { procedure: "teams.create", call: (api) => api.teams.create({ name: "Side project" }), expect: all },
  { procedure: "teams.rename", call: (api) => api.teams.rename({ name: "New name" }), expect: managers },
  { procedure: "teams.delete", call: (api) => api.teams.delete(), expect: owners },
  { procedure: "teams.switch", on: "their personal team", call: (api, f) => api.teams.switch({ teamId: f.caller.personalTeamId }), expect: all },
  // The caller as OWNER is the team's second owner, so leaving keeps an owner.
  { procedure: "teams.leave", call: (api) => api.teams.leave(), expect: all },

  { procedure: "teams.members.list", call: (api) => api.teams.members.list(), expect: all },
  { procedure: "teams.members.changeRole", on: "a member, to admin", call: (api, f) => api.teams.members.changeRole({ userId: f.peer.userId, role: "ADMIN" }), expect: managers },
  { procedure: "teams.members.changeRole", on: "an admin, to member", call: (api, f) => api.teams.members.changeRole({ userId: f.peerAdmin.userId, role: "MEMBER" }), expect: owners },
  { procedure: "teams.members.changeRole", on: "a member, to owner", call: (api, f) => api.teams.members.changeRole({ userId: f.peer.userId, role: "OWNER" }), expect: owners },
  { procedure: "teams.members.transferOwnership", call: (api, f) => api.teams.members.transferOwnership({ userId: f.peer.userId }), expect: owners },
  { procedure: "teams.members.remove", on: "a member", call: (api, f) => api.teams.members.remove({ userId: f.peer.userId }), expect: managers },
  { procedure: "teams.members.remove", on: "an admin", call: (api, f) => api.teams.members.remove({ userId: f.peerAdmin.userId }), expect: owners },
  { procedure: "teams.members.setCap", on: "a member", call: (api, f) => api.teams.members.setCap({ userId: f.peer.userId, monthlyCreditCap: 5 }), expect: managers },
  { procedure: "teams.members.setCap", on: "an admin", call: (api, f) => api.teams.members.setCap({ userId: f.peerAdmin.userId, monthlyCreditCap: 5 }), expect: owners },

  { procedure: "teams.invitations.list", call: (api) => api.teams.invitations.list(), expect: managers },
  { procedure: "teams.invitations.create", on: "as member", call: (api) => api.teams.invitations.create({ email: "new@example.test", role: "MEMBER" }), expect: managers },
  { procedure: "teams.invitations.create", on: "as owner", call: (api) => api.teams.invitations.create({ email: "new@example.test", role: "OWNER" }), expect: owners },
  { procedure: "teams.invitations.resend", setup: async (f) => (await pendingInvitation(f)).id, call: (api, _f, invitationId) => api.teams.invitations.resend({ invitationId }), expect: managers },
  { procedure: "teams.invitations.revoke", setup: async (f) => (await pendingInvitation(f)).id, call: (api, _f, invitationId) => api.teams.invitations.revoke({ invitationId }), expect: managers },
  {
    procedure: "teams.invitations.accept",
    on: "an invitation to another team for their email",
    setup: async (f) => {
      const { members: [otherOwner] } = await createSharedTeam(db, ["OWNER"], { name: "Other" });
      return tokenOf((await createInvitation(db, otherOwner!, { email: f.caller.email, role: "MEMBER" }, copyLinkDeps)).link);
    },
    call: (api, _f, token) => api.teams.invitations.accept({ token }),
    expect: all,
  },
];

/** Everything a refused call could have touched in the team, to prove it touched nothing. */
async function teamState(teamId: string) {
  const [team, memberships, projects, runs, messages, invitations, balances] = await Promise.all([
    db.team.findUnique({ where: { id: teamId }, select: { name: true, plan: true } }),
    db.membership.findMany({ where: { teamId }, orderBy: { userId: "asc" }, select: { userId: true, role: true, monthlyCreditCap: true } }),
    db.project.findMany({ where: { teamId }, orderBy: { id: "asc" }, select: { id: true, name: true } }),
    db.run.findMany({ where: { teamId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
    db.message.count({ where: { project: { teamId } } }),
    db.invitation.findMany({ where: { teamId }, orderBy: { id: "asc" }, select: { id: true, tokenHash: true, revokedAt: true, expiresAt: true } }),
    db.creditBalance.findMany({ where: { teamId }, select: { balance: true } }),
  ]);
  return { team, memberships, projects, runs, messages, invitations, balances };
}

describe("permission matrix: role × procedure through the tRPC caller", () => {
  for (const role of ROLES) {
    describe(role, () => {
      it.each(CASES.map((c) => [`${c.procedure}${c.on ? ` (${c.on})` : ""} → ${c.expect[role]}`, c] as const))("%s", async (_name, c) => {
        const f = await fixture(role);
        const id = (await c.setup?.(f)) ?? "";
        const before = await teamState(f.team.id);
        const outcome = await c.call(createCaller({ db, auth: f.caller }), f, id).then(
          () => "ok" as const,
          (error: unknown) => error,
        );
        if (c.expect[role] === "ok") {
          expect(outcome, `${role} should be allowed ${c.procedure}`).toBe("ok");
          return;
        }
        expect(outcome).toBeInstanceOf(TRPCError);
        expect(outcome).toMatchObject({ code: c.expect[role] });
        if (c.expect[role] === "FORBIDDEN") expect(outcome).toMatchObject({ message: expect.stringMatching(/^(Only|Your role)/) });
        expect(await teamState(f.team.id), "a refused call changes nothing").toEqual(before);
      });
    });
  }

  it("covers every procedure of the app router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const covered = new Set(CASES.map((c) => c.procedure));
    expect(procedures.length).toBeGreaterThan(20);
    expect(procedures.filter((p) => !covered.has(p)), "procedures without a row in the permission matrix test").toEqual([]);
  });
});
