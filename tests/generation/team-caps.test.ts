import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { PLANS } from "@/modules/credits/server/plans";
import { createProjectFromPrompt, sendPrompt } from "@/modules/generation/server/send-prompt";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { createLocalJobs } from "@/modules/jobs/server/local/local-jobs";
import { rejection } from "../support/rejection";
import { createProject, createTeamMember, currentBalance } from "./support/fixtures";

// No worker in this file: every accepted run stays QUEUED, which is what the caps count.
const connectionString = process.env.DATABASE_URL!;
const deps = { model: { baseUrl: "http://127.0.0.1:9/v1", model: "unused", apiKey: "unused" }, jobs: createLocalJobs(connectionString) };
afterAll(() => stopBoss(connectionString));

describe("queued runs per team (PLANS[plan].maxQueuedRuns)", () => {
  it("refuses the run past the cap with TOO_MANY_REQUESTS and a clear message, taking no credit", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 20 });
    const cap = PLANS.FREE.maxQueuedRuns;
    for (let i = 0; i < cap; i++) await createProjectFromPrompt(db, { auth, content: `Queued ${i}` }, deps);
    const project = await createProject(db, auth);

    const refused = await rejection<AppError>(sendPrompt(db, { auth, projectId: project.id, content: "One too many" }, deps));
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toBe(
      `Your team already has ${cap} generations waiting or running, the most the Free plan allows at once. Wait for one to finish, then send your prompt again. No credit was used.`,
    );
    expect(await currentBalance(db, team.id)).toBe(20 - cap);
    expect(await db.message.count({ where: { projectId: project.id } })).toBe(0);

    // Once one ends, there is room again.
    const oldest = await db.run.findFirstOrThrow({ where: { teamId: team.id }, orderBy: { createdAt: "asc" } });
    await db.run.update({ where: { id: oldest.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
    await sendPrompt(db, { auth, projectId: project.id, content: "Room again" }, deps);
  });

  it("holds under concurrent prompts: exactly the cap is accepted", async () => {
    const { auth, team } = await createTeamMember(db, { plan: "PRO", credits: 100 });
    const cap = PLANS.PRO.maxQueuedRuns;
    const attempts = await Promise.allSettled(
      Array.from({ length: cap + 6 }, (_, i) => createProjectFromPrompt(db, { auth, content: `Concurrent ${i}` }, deps)),
    );
    const refused = attempts.filter((a) => a.status === "rejected").map((a) => (a as PromiseRejectedResult).reason as AppError);
    expect(attempts.length - refused.length).toBe(cap);
    expect(refused.map((e) => e.code)).toEqual(Array(6).fill("TOO_MANY_REQUESTS"));
    expect(await db.run.count({ where: { teamId: team.id } })).toBe(cap);
    expect(await db.project.count({ where: { teamId: team.id } })).toBe(cap);
    expect(await currentBalance(db, team.id)).toBe(100 - cap);
  });
});

describe("projects per team (PLANS[plan].maxProjects)", () => {
  it("refuses a new project past the cap with a clear message, creating nothing and taking no credit", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    const cap = PLANS.FREE.maxProjects;
    await db.project.createMany({
      data: Array.from({ length: cap - 1 }, (_, i) => ({ teamId: team.id, createdById: auth.userId, name: `Existing ${i}` })),
    });
    await createProjectFromPrompt(db, { auth, content: "The last one that fits" }, deps);

    const refused = await rejection<AppError>(createProjectFromPrompt(db, { auth, content: "One project too many" }, deps));
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toBe(
      `Your team has reached the Free plan's limit of ${cap} projects. Delete a project you no longer need, then try again. No credit was used.`,
    );
    expect(await db.project.count({ where: { teamId: team.id } })).toBe(cap);
    expect(await currentBalance(db, team.id)).toBe(4);
  });

  it("holds under concurrent creates", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 10 });
    const cap = PLANS.FREE.maxProjects;
    await db.project.createMany({
      data: Array.from({ length: cap - 2 }, (_, i) => ({ teamId: team.id, createdById: auth.userId, name: `Existing ${i}` })),
    });
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) => createProjectFromPrompt(db, { auth, content: `Race ${i}` }, deps)),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(2);
    expect(await db.project.count({ where: { teamId: team.id } })).toBe(cap);
  });
});
