import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createProjectFromPrompt, sendPrompt } from "@/modules/generation/server/send-prompt";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { createLocalJobs } from "@/modules/jobs/server/local/local-jobs";
import { GENERATE_QUEUE } from "@/modules/jobs/server/local/queue";
import { createProject, createTeamMember, currentBalance, ledgerKinds } from "./support/fixtures";
import { rejection as rejectionOf } from "../support/rejection";

// No worker in this file: jobs stay queued, which is exactly what sendPrompt promises.
const connectionString = process.env.DATABASE_URL!;
const jobs = createLocalJobs(connectionString);
const model = { baseUrl: "http://127.0.0.1:9/v1", model: "unused", apiKey: "unused" };
const deps = { model, jobs };
afterAll(() => stopBoss(connectionString));

async function queuedJobsFor(runId: string) {
  const rows = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM pgboss.job WHERE name = ${GENERATE_QUEUE} AND data->>'runId' = ${runId}`;
  return Number(rows[0]?.count);
}

async function rejection(promise: Promise<unknown>) {
  const error = await rejectionOf<AppError>(promise);
  expect(error).toBeInstanceOf(AppError);
  return error;
}

describe("sendPrompt", () => {
  it("queues a run at once: USER message, QUEUED run, one credit reserved, one job", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    const project = await createProject(db, auth);
    const sent = await sendPrompt(db, { auth, projectId: project.id, content: "  A pricing table with three tiers  " }, deps);

    expect(sent).toMatchObject({ projectId: project.id, deduplicated: false });
    const message = await db.message.findUniqueOrThrow({ where: { id: sent.messageId }, include: { run: true } });
    expect(message).toMatchObject({ role: "USER", content: "A pricing table with three tiers" });
    expect(message.run).toMatchObject({ id: sent.runId, status: "QUEUED", attempt: 0, teamId: team.id });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE"]);
    expect(await currentBalance(db, team.id)).toBe(2);
    expect(await queuedJobsFor(sent.runId)).toBe(1);
  });

  it("validates the prompt", async () => {
    const { auth } = await createTeamMember(db);
    const project = await createProject(db, auth);
    for (const content of ["", "   \n ", "x".repeat(4001)]) {
      const error = await rejection(sendPrompt(db, { auth, projectId: project.id, content }, deps));
      expect(error.code).toBe("BAD_REQUEST");
    }
    expect(await db.message.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses when no model is configured, charging and creating nothing", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    const project = await createProject(db, auth);
    const error = await rejection(sendPrompt(db, { auth, projectId: project.id, content: "A login form" }, { model: null, jobs }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/^No AI model is configured\. Set OPENAI_BASE_URL and OPENAI_MODEL/);

    const projectsBefore = await db.project.count({ where: { teamId: team.id } });
    const onCreate = await rejection(createProjectFromPrompt(db, { auth, content: "A login form" }, { model: null, jobs }));
    expect(onCreate.code).toBe("PRECONDITION_FAILED");
    expect(await db.project.count({ where: { teamId: team.id } })).toBe(projectsBefore);
    expect(await db.message.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.run.count({ where: { teamId: team.id } })).toBe(0);
    expect(await currentBalance(db, team.id)).toBe(3);
  });

  it("answers another team's project as NOT_FOUND", async () => {
    const owner = await createTeamMember(db);
    const stranger = await createTeamMember(db);
    const project = await createProject(db, owner.auth);
    const error = await rejection(sendPrompt(db, { auth: stranger.auth, projectId: project.id, content: "Hi" }, deps));
    expect(error.code).toBe("NOT_FOUND");
    // Whatever the configuration: a stranger learns nothing else either.
    const unconfigured = await rejection(sendPrompt(db, { auth: stranger.auth, projectId: project.id, content: "Hi" }, { model: null, jobs }));
    expect(unconfigured.code).toBe("NOT_FOUND");
    expect(await db.message.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("allows one generation at a time per project", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    await sendPrompt(db, { auth, projectId: project.id, content: "First" }, deps);
    const error = await rejection(sendPrompt(db, { auth, projectId: project.id, content: "Second" }, deps));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Your generation is still running in this project/) });
    expect(await db.message.count({ where: { projectId: project.id } })).toBe(1);
    expect(await currentBalance(db, team.id)).toBe(4);
  });

  it("is idempotent per clientKey, also when the same submit arrives several times at once", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const input = { auth, projectId: project.id, content: "A contact form", clientKey: "key-0123456789" };
    const results = await Promise.all(Array.from({ length: 5 }, () => sendPrompt(db, input, deps)));
    const again = await sendPrompt(db, input, deps);

    expect(new Set([...results, again].map((r) => r.runId)).size).toBe(1);
    expect(results.filter((r) => !r.deduplicated)).toHaveLength(1);
    expect(again.deduplicated).toBe(true);
    expect(await db.message.count({ where: { projectId: project.id } })).toBe(1);
    expect(await currentBalance(db, team.id)).toBe(4);
    expect(await queuedJobsFor(again.runId)).toBe(1);
  });

  it("never spends more credits than the balance: 20 parallel prompts on 20 projects with 5 credits", async () => {
    // PRO: its queued-runs cap (20) stays out of the way; the balance is what refuses.
    const { auth, team } = await createTeamMember(db, { plan: "PRO", credits: 5 });
    const projects = await Promise.all(Array.from({ length: 20 }, (_, i) => createProject(db, auth, `P${i}`)));
    const outcomes = await Promise.allSettled(
      projects.map((p) => sendPrompt(db, { auth, projectId: p.id, content: "A dashboard" }, deps)),
    );

    const accepted = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as AppError] : []));
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(new Set(refused.map((e) => e.code))).toEqual(new Set(["PAYMENT_REQUIRED"]));
    expect(await currentBalance(db, team.id)).toBe(0);
    expect(await db.run.count({ where: { teamId: team.id } })).toBe(5);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "RESERVE" } })).toBe(5);
    // Refused prompts leave nothing behind.
    expect(await db.message.count({ where: { project: { teamId: team.id } } })).toBe(5);
  });

  it("fails the run and refunds when the job cannot be queued", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 2 });
    const project = await createProject(db, auth);
    const unreachableQueue = createLocalJobs("postgresql://ollio:wrong@127.0.0.1:9/nowhere");
    const sent = await sendPrompt(db, { auth, projectId: project.id, content: "A FAQ" }, { model, jobs: unreachableQueue });

    const run = await db.run.findUniqueOrThrow({ where: { id: sent.runId } });
    expect(run).toMatchObject({ status: "FAILED", error: "Ollio could not queue this generation. Please try again." });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(2);
    const reply = await db.message.findFirstOrThrow({ where: { projectId: project.id, role: "ASSISTANT" } });
    expect(reply).toMatchObject({ kind: "ERROR", content: "Ollio could not queue this generation. Please try again. Your credit was returned." });
  });
});

describe("createProjectFromPrompt", () => {
  it("creates the project named after the prompt and queues its first run", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 2 });
    const sent = await createProjectFromPrompt(db, { auth, content: "a recipe card layout with ingredients, steps and a timer" }, deps);
    const project = await db.project.findUniqueOrThrow({ where: { id: sent.projectId } });
    expect(project).toMatchObject({ teamId: team.id, createdById: auth.userId, name: "A recipe card layout with ingredients" });
    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({ status: "QUEUED", projectId: project.id });
  });

  it("creates nothing when the team has no credits left", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 0 });
    const error = await rejection(createProjectFromPrompt(db, { auth, content: "A todo app" }, deps));
    expect(error.code).toBe("PAYMENT_REQUIRED");
    expect(await db.project.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("makes one project for a repeated submit with the same clientKey", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    const input = { auth, content: "A weather widget", clientKey: "create-key-42" };
    const results = await Promise.all([createProjectFromPrompt(db, input, deps), createProjectFromPrompt(db, input, deps)]);
    expect(results[0]!.projectId).toBe(results[1]!.projectId);
    expect(await db.project.count({ where: { teamId: team.id } })).toBe(1);
    expect(await currentBalance(db, team.id)).toBe(4);
  });
});
