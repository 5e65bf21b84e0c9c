import "./support/model-env";
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/poll/[projectId]/route";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { createSession, hashSessionToken, revokeSession, SESSION_IDLE_TIMEOUT_MS } from "@/modules/auth/server/sessions";
import { POLL_WITHOUT_PROXY_HEADER, revivePoll } from "@/modules/generation/ui/fetch-poll";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { PROJECT_NOT_FOUND } from "@/modules/projects/server/project-access";
import { config as proxyConfig } from "@/proxy";
import { createCaller } from "@/trpc/routers/_app";
import { createSharedTeam, type Member } from "../teams/support/team-fixture";
import { createProject, createTeamMember } from "./support/fixtures";

/**
 * GET /api/poll/<projectId>, what the project view polls (fetch-poll.ts): the same answer and the
 * same refusals as runs.poll, through the real route handler with real session cookies.
 */
afterAll(() => stopBoss(env.DATABASE_URL));

async function sessionCookieIn(userId: string, teamId?: string) {
  const { token } = await createSession(userId);
  if (teamId) await db.session.update({ where: { id: hashSessionToken(token) }, data: { activeTeamId: teamId } });
  return { token, cookie: `ollio_session=${token}` };
}

async function poll(projectId: string, cookie?: string) {
  const response = await GET(new NextRequest(`http://localhost/api/poll/${encodeURIComponent(projectId)}`, { headers: cookie ? { cookie } : {} }), {
    params: Promise.resolve({ projectId }),
  });
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
  return { status: response.status, body: await response.json() };
}

describe("GET /api/poll/<projectId>", () => {
  it("answers what runs.poll answers, as plain JSON that revives to the same value", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const { cookie } = await sessionCookieIn(auth.userId);
    const api = createCaller({ db, auth: { ...auth, sessionId: undefined } });
    expect(await poll(project.id, cookie)).toEqual({ status: 200, body: { run: null, lastMessageId: null } });

    const prompt = await db.message.create({ data: { projectId: project.id, role: "USER", content: "A page" } });
    await db.run.create({
      data: {
        projectId: project.id,
        teamId: auth.teamId,
        createdById: auth.userId,
        userMessageId: prompt.id,
        status: "RUNNING",
        startedAt: new Date(),
        heartbeatAt: new Date(),
        progress: [{ at: "2026-01-01T00:00:00.000Z", kind: "file", detail: "index.html" }],
      },
    });
    const { status, body } = await poll(project.id, cookie);
    expect(status).toBe(200);
    expect(body.run).toMatchObject({ status: "RUNNING", queuedAt: expect.any(String), finishedAt: null, startedBy: { isYou: true }, canCancel: true });
    const revived = revivePoll(body);
    expect(revived).toEqual(await api.runs.poll({ projectId: project.id }));
    expect(revived.run?.queuedAt).toBeInstanceOf(Date);
  });

  it("refuses like runs.poll: signed out, revoked, idle or expired 401, another team's or no project 404, a junk id 400", async () => {
    const owner = await createTeamMember(db, { credits: 5 });
    const stranger = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, owner.auth);
    const strangerSession = await sessionCookieIn(stranger.auth.userId);

    expect(await poll(project.id)).toEqual({ status: 401, body: { message: "Please sign in to continue." } });
    expect(await poll(project.id, "ollio_session=not-a-token")).toMatchObject({ status: 401 });
    expect(await poll(project.id, strangerSession.cookie)).toEqual({ status: 404, body: { message: PROJECT_NOT_FOUND } });
    expect(await poll("no-such-project", strangerSession.cookie)).toEqual({ status: 404, body: { message: PROJECT_NOT_FOUND } });
    expect(await poll("x".repeat(65), strangerSession.cookie)).toMatchObject({ status: 400 });
    await revokeSession(strangerSession.token);
    expect(await poll(project.id, strangerSession.cookie)).toMatchObject({ status: 401 });
    // The owner's own session, but idle for longer than the idle timeout, then expired.
    const ownerSession = await sessionCookieIn(owner.auth.userId);
    expect(await poll(project.id, ownerSession.cookie)).toMatchObject({ status: 200 });
    const where = { id: hashSessionToken(ownerSession.token) };
    await db.session.update({ where, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS - 60_000) } });
    expect(await poll(project.id, ownerSession.cookie)).toMatchObject({ status: 401 });
    await db.session.update({ where, data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) } });
    expect(await poll(project.id, ownerSession.cookie)).toMatchObject({ status: 401 });
  });

  it("follows the role rules like runs.poll: every role sees the run; only its starter, owners and admins may stop it", async () => {
    const { members } = await createSharedTeam(db, ["OWNER", "ADMIN", "MEMBER", "MEMBER"]);
    const starter = members[3] as Member;
    const project = await createProject(db, starter);
    const prompt = await db.message.create({ data: { projectId: project.id, role: "USER", content: "A page" } });
    await db.run.create({ data: { projectId: project.id, teamId: starter.teamId, createdById: starter.userId, userMessageId: prompt.id, status: "QUEUED" } });
    for (const member of members) {
      const { cookie } = await sessionCookieIn(member.userId, member.teamId);
      const { status, body } = await poll(project.id, cookie);
      expect(status, member.role).toBe(200);
      expect(revivePoll(body), member.role).toEqual(await createCaller({ db, auth: member }).runs.poll({ projectId: project.id }));
      expect(body.run.canCancel, member.role).toBe(member.role !== "MEMBER" || member === starter);
    }
  });

  it("gives a session whose user has no team left a personal team, as any request does, and answers from it", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const { cookie } = await sessionCookieIn(auth.userId);
    await db.membership.deleteMany({ where: { userId: auth.userId } });
    expect(await poll(project.id, cookie)).toEqual({ status: 404, body: { message: PROJECT_NOT_FOUND } });
    const memberships = await db.membership.findMany({ where: { userId: auth.userId }, include: { team: true } });
    expect(memberships).toMatchObject([{ role: "OWNER", team: { personal: true } }]);
    const ownProject = await createProject(db, { ...auth, teamId: memberships[0]!.teamId });
    expect(await poll(ownProject.id, cookie)).toEqual({ status: 200, body: { run: null, lastMessageId: null } });
  });
});

describe("the proxy and the poll", () => {
  const matches = (url: string, headers: Record<string, string> = {}) => unstable_doesMiddlewareMatch({ config: proxyConfig, url, headers });

  it("skips the poll only when a build without Clerk says so; pages and every other API route still pass it", () => {
    expect(matches("/api/poll/abc", { [POLL_WITHOUT_PROXY_HEADER.name]: POLL_WITHOUT_PROXY_HEADER.value })).toBe(false);
    // A build with Clerk sends no header: clerkMiddleware must run for auth() in the route.
    expect(matches("/api/poll/abc")).toBe(true);
    expect(matches("/api/poll/abc", { [POLL_WITHOUT_PROXY_HEADER.name]: "clerk" })).toBe(true);
    for (const url of ["/api/trpc/runs.poll", "/api/versions/abc/screenshot", "/api/inngest", "/projects/abc", "/", "/api/pollx"]) {
      expect(matches(url, { [POLL_WITHOUT_PROXY_HEADER.name]: POLL_WITHOUT_PROXY_HEADER.value }), url).toBe(true);
    }
    expect(matches("/_next/static/chunk.js")).toBe(false);
  });
});

describe("the poll under Clerk", () => {
  it("refuses the header that skips the proxy with a 400 naming it, rather than failing in auth()", async () => {
    vi.stubEnv("CLERK_SECRET_KEY", "sk_test_poll_route");
    vi.stubEnv("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "pk_test_poll_route");
    vi.resetModules();
    try {
      const { GET: clerkGET } = await import("@/app/api/poll/[projectId]/route");
      const headers = { [POLL_WITHOUT_PROXY_HEADER.name]: POLL_WITHOUT_PROXY_HEADER.value };
      const response = await clerkGET(new NextRequest("http://localhost/api/poll/abc", { headers }), { params: Promise.resolve({ projectId: "abc" }) });
      expect(response.status).toBe(400);
      expect((await response.json()).message).toContain(POLL_WITHOUT_PROXY_HEADER.name);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
