import { afterAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { startLocalJobWorker } from "@/modules/jobs/server/local/worker";
import { reply } from "../support/scripted-openai";
import { createTeamMember } from "./support/fixtures";
import { startGenerationStack, waitForRun } from "./support/harness";

const stack = await startGenerationStack();
const connectionString = process.env.DATABASE_URL!;
afterAll(() => stack.stop());

const PAGE = '<!doctype html><html lang="en"><title>D</title><h1>Durable</h1></html>';

it("keeps a job queued across a restart: a worker started later runs it", async () => {
  const { auth } = await createTeamMember(db, { credits: 3 });
  stack.model.conversation("[durable]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("Ran after the restart.")]);
  const sent = await createProjectFromPrompt(db, { auth, content: "Survive a restart [durable]" }, stack.sendDeps);
  await stopBoss(connectionString); // the process that queued the job goes away

  const worker = await stack.startWorker(); // a new process's worker (with a new pg-boss) finds the job in Postgres
  expect(await waitForRun(sent.runId)).toMatchObject({ status: "SUCCEEDED", attempt: 1 });
  await worker.stop();
});

it("wakes the worker by NOTIFY: a job starts in milliseconds even with a 30 s poll", async () => {
  // The only worker now; left to polling it would not look again for 30 s.
  const sleepy = await startLocalJobWorker({ connectionString, deps: stack.deps, concurrency: 1, pollingIntervalSeconds: 30 });
  await new Promise((resolve) => setTimeout(resolve, 300)); // its first fetch is done; it now sleeps 30 s
  const { auth } = await createTeamMember(db, { credits: 3 });
  stack.model.conversation("[notified]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("Woken up.")]);

  const queuedAt = Date.now();
  const sent = await createProjectFromPrompt(db, { auth, content: "Wake up [notified]" }, stack.sendDeps);
  const run = await waitForRun(sent.runId, { statuses: ["RUNNING", "SUCCEEDED"], timeoutMs: 5_000 });
  expect(run.startedAt!.getTime() - queuedAt).toBeLessThan(1_000);
  await waitForRun(sent.runId);
  await sleepy.stop();
});
