import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import { reply } from "../support/scripted-openai";
import { createTeamMember } from "./support/fixtures";
import { startGenerationStack, waitForRun } from "./support/harness";

const stack = await startGenerationStack();
afterAll(() => stack.stop());

const PAGE = "<!doctype html><html lang=\"en\"><head><title>Q</title></head><body><main><h1>Q</h1></main></body></html>";

describe("the local runner drains a backlog without idling", () => {
  it("takes the next job as soon as one ends, not at the next poll", async () => {
    // One slot and a 30 s poll: only fetching right after each job can drain the backlog quickly.
    await stack.startWorker({ concurrency: 1, pollingIntervalSeconds: 30 });
    const { auth } = await createTeamMember(db, { plan: "PRO", credits: 10 });
    const sent = [];
    for (let i = 0; i < 4; i++) {
      stack.model.conversation(`[backlog-${i}]`, [reply.writeFiles({ "index.html": PAGE }), reply.summary("Done.")]);
      sent.push(await createProjectFromPrompt(db, { auth, content: `Backlog [backlog-${i}]` }, stack.sendDeps));
    }
    const started = Date.now();
    const runs = await Promise.all(sent.map((s) => waitForRun(s.runId, { timeoutMs: 45_000 })));
    console.log(`[throughput] 4 queued runs on one slot drained in ${Date.now() - started} ms`);
    expect(runs.map((r) => r.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);

    // Each run started right after the one before it finished.
    const ordered = [...runs].sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
    const gaps = ordered.slice(1).map((r, i) => r.startedAt!.getTime() - ordered[i]!.finishedAt!.getTime());
    expect(Math.max(...gaps)).toBeLessThan(1_000);
  }, 60_000);
});
