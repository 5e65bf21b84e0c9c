import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import { GENERATE_QUEUE } from "@/modules/jobs/server/local/queue";
import { cancelRun } from "@/modules/runs/server/cancel-run";
import { claimRun } from "@/modules/runs/server/claim";
import { heartbeatRun } from "@/modules/runs/server/lease";
import { sweepRuns } from "@/modules/runs/server/sweeper";
import { reply } from "../support/scripted-openai";
import { createTeamMember, currentBalance, ledgerKinds } from "./support/fixtures";
import { startGenerationStack, waitForRun } from "./support/harness";

const stack = await startGenerationStack();
afterAll(() => stack.stop());

const PAGE = "<!doctype html><html lang=\"en\"><head><title>T</title></head><body><main><h1>T</h1></main></body></html>";
const TWO_MINUTES_AGO = () => new Date(Date.now() - 120_000);

/**
 * A run a worker claimed two minutes ago and then died on: RUNNING, heartbeat long stopped. That
 * worker had taken the run's job, so none is left queued (one still queued would race the sweeper
 * to take the run over as soon as a live worker fetched it).
 */
async function abandonedRun(marker: string) {
  const { auth, team } = await createTeamMember(db, { credits: 3 });
  const takenByTheDeadWorker = { dispatchGenerate: async () => {} };
  const sent = await createProjectFromPrompt(db, { auth, content: `Abandoned ${marker}` }, { ...stack.sendDeps, jobs: takenByTheDeadWorker });
  const claim = await claimRun(db, sent.runId, { now: TWO_MINUTES_AGO() });
  expect(claim.kind).toBe("claimed");
  return { sent, team };
}

async function jobsFor(runId: string) {
  const rows = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM pgboss.job WHERE name = ${GENERATE_QUEUE} AND data->>'runId' = ${runId}`;
  return Number(rows[0]?.count);
}

describe("run sweeper, before any worker runs", () => {
  it("fails a run whose heartbeat stopped once its attempts are used up, refunding exactly once", async () => {
    const { sent, team } = await abandonedRun("[dead-1]");
    const options = { jobs: stack.jobs, staleRunningMs: 1_000, maxAttempts: 1 };

    expect((await sweepRuns(db, options)).failed).toEqual([sent.runId]);
    expect((await sweepRuns(db, options)).failed).toEqual([]);

    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({
      status: "FAILED",
      error: "The generation stopped responding and was given up.",
    });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(3);
    expect(await db.message.count({ where: { projectId: sent.projectId, role: "ASSISTANT", kind: "ERROR" } })).toBe(1);
    // The dead worker, should it wake up, is fenced off.
    expect(await heartbeatRun(db, sent.runId, 1)).toBe(false);
  });

  it("re-dispatches a QUEUED run whose job was lost, and gives up on one queued too long", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    const lost = await createProjectFromPrompt(db, { auth, content: "Lost job" }, stack.sendDeps);
    const ancient = await createProjectFromPrompt(db, { auth, content: "Ancient job" }, stack.sendDeps);
    await db.$executeRaw`UPDATE "Run" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${lost.runId}`;
    await db.$executeRaw`UPDATE "Run" SET "updatedAt" = now() - interval '2 hours', "queuedAt" = now() - interval '2 hours' WHERE "id" = ${ancient.runId}`;

    const swept = await sweepRuns(db, { jobs: stack.jobs, staleQueuedMs: 60_000, giveUpQueuedMs: 3_600_000 });
    expect(swept.redispatched).toEqual([lost.runId]);
    expect(swept.failed).toEqual([ancient.runId]);
    expect(await jobsFor(lost.runId)).toBe(2);
    expect((await sweepRuns(db, { jobs: stack.jobs, staleQueuedMs: 60_000 })).redispatched).toEqual([]);
    expect(await ledgerKinds(db, ancient.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(2);
    await cancelRun(db, auth, lost.runId); // no worker should pick it up in the next tests
  });
});

describe("run sweeper and workers together", () => {
  beforeAll(() => stack.startWorker());

  it("re-queues a run whose worker died, and a worker completes it", async () => {
    stack.model.conversation("[dead-2]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("Recovered.")]);
    const { sent, team } = await abandonedRun("[dead-2]");
    const swept = await sweepRuns(db, { jobs: stack.jobs, staleRunningMs: 1_000 });
    expect(swept.requeued).toEqual([sent.runId]);

    const run = await waitForRun(sent.runId);
    expect(run).toMatchObject({ status: "SUCCEEDED", attempt: 2 });
    expect(await db.fragment.count({ where: { projectId: sent.projectId } })).toBe(1);
    expect(stack.model.requestsFor("[dead-2]")).toHaveLength(2);
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "COMMIT"]);
    expect(await currentBalance(db, team.id)).toBe(2);
  });

  it("a worker whose run was cancelled under it stops and saves nothing", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    stack.model.conversation("[cancel]", [reply.writeFiles({ "index.html": PAGE }, 1_500), reply.summary("Should never be saved.")]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Cancel me [cancel]" }, stack.sendDeps);
    // Cancelled while the agent waits on its first model reply (on a busy machine the sandbox
    // may take longer to start than the run takes to show RUNNING).
    while (stack.model.requestsFor("[cancel]").length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await cancelRun(db, auth, sent.runId);

    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({ status: "CANCELLED" });
    expect(await db.fragment.count({ where: { projectId: sent.projectId } })).toBe(0);
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(3);
    // The agent was stopped before its next model call.
    expect(stack.model.requestsFor("[cancel]")).toHaveLength(1);
  });
});
