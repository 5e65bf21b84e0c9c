import "../generation/support/model-env";
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { RATE_LIMITS } from "@/modules/rate-limits/server/limits";
import { createCaller } from "@/trpc/routers/_app";
import { createProject, createTeamMember, currentBalance } from "../generation/support/fixtures";
import { rejection } from "../support/rejection";

// No worker: accepted prompts stay queued. TEAM plan, so its caps (queued runs, projects) stay out of the way.
afterAll(() => stopBoss(env.DATABASE_URL));
const callerFor = (auth: AuthContext) => createCaller({ db, auth });

// The clock stands still 10 s into a minute (timers stay real), so no test straddles a window.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + 10_000);
});
afterEach(() => vi.useRealTimers());

async function teamMate(teamId: string): Promise<AuthContext> {
  const user = await db.user.create({ data: { email: `mate-${teamId}@example.test` } });
  await db.membership.create({ data: { teamId, userId: user.id, role: "MEMBER" } });
  return { userId: user.id, teamId, role: "MEMBER" };
}

describe("mutation rate limits per user", () => {
  it(`projects.create: ${RATE_LIMITS["projects.create"].limit} a minute, then TOO_MANY_REQUESTS with a clear message and nothing created or charged`, async () => {
    const { auth, team } = await createTeamMember(db, { plan: "TEAM", credits: 100 });
    const api = callerFor(auth);
    const limit = RATE_LIMITS["projects.create"].limit;
    for (let i = 0; i < limit; i++) await api.projects.create({ content: `Project ${i}` });

    const refused = await rejection<TRPCError>(api.projects.create({ content: "One more" }));
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(new RegExp(`^You have made too many new projects \\(at most ${limit} a minute\\)\\. Try again in \\d+ seconds?\\.$`));
    expect(await db.project.count({ where: { teamId: team.id } })).toBe(limit);
    expect(await currentBalance(db, team.id)).toBe(100 - limit);

    // Per user: a teammate is not held back by it.
    await callerFor(await teamMate(team.id)).projects.create({ content: "A teammate's project" });
  });

  it("create-then-cancel churn is bounded by the cancel limit", async () => {
    const { auth } = await createTeamMember(db, { plan: "TEAM", credits: 100 });
    const api = callerFor(auth);
    const project = await createProject(db, auth);
    const limit = RATE_LIMITS["runs.cancel"].limit;
    for (let i = 0; i < limit; i++) {
      const sent = await api.messages.create({ projectId: project.id, content: `Cancel me ${i}` });
      await api.runs.cancel({ runId: sent.runId });
    }
    const sent = await api.messages.create({ projectId: project.id, content: "Cancel me too" });
    const refused = await rejection<TRPCError>(api.runs.cancel({ runId: sent.runId }));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toContain(`too many cancellations (at most ${limit} a minute)`);
    expect((await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).status).toBe("QUEUED");
  });

  it(`generation requests: ${RATE_LIMITS.generate.limit} a minute across prompts and retries, refused or not`, async () => {
    const { auth } = await createTeamMember(db, { plan: "TEAM", credits: 10 });
    const api = callerFor(auth);
    const project = await createProject(db, auth);
    await api.messages.create({ projectId: project.id, content: "The one that queues" });
    // The rest conflict with the queued run, and still count: the limit is on requests.
    const rest = await Promise.allSettled(
      Array.from({ length: RATE_LIMITS.generate.limit - 1 }, () => api.messages.create({ projectId: project.id, content: "Again" })),
    );
    expect(rest.every((r) => r.status === "rejected" && (r.reason as TRPCError).code === "CONFLICT")).toBe(true);

    const refused = await rejection<TRPCError>(api.messages.create({ projectId: project.id, content: "Over the limit" }));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toContain(`too many generation requests (at most ${RATE_LIMITS.generate.limit} a minute)`);
  });

  it(`renames and deletes: ${RATE_LIMITS["projects.change"].limit} a minute`, async () => {
    const { auth } = await createTeamMember(db, { plan: "TEAM" });
    const api = callerFor(auth);
    const project = await createProject(db, auth);
    for (let i = 0; i < RATE_LIMITS["projects.change"].limit; i++) await api.projects.rename({ projectId: project.id, name: `Name ${i}` });
    const refused = await rejection<TRPCError>(api.projects.delete({ projectId: project.id }));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(await db.project.count({ where: { id: project.id } })).toBe(1);
  });
});
