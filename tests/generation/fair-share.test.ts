import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { PLANS } from "@/modules/credits/server/plans";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import { startLocalJobWorker } from "@/modules/jobs/server/local/worker";
import { reply } from "../support/scripted-openai";
import { createTeamMember } from "./support/fixtures";
import { startGenerationStack, waitForRun } from "./support/harness";

// One worker process with three slots; a FREE team may hold PLANS.FREE.concurrentRuns of them.
const SLOTS = 3;
const SLOW_COMMAND_S = 6;

const stack = await startGenerationStack({ commandTimeoutMs: 20_000 });
beforeAll(() => stack.startWorker({ concurrency: SLOTS }));
afterAll(() => stack.stop());

const PAGE = "<!doctype html><html lang=\"en\"><head><title>Slow</title></head><body><main><h1>Slow</h1></main></body></html>";

describe("per-team fair share of the local runner's workers", () => {
  it("a team saturating its share does not delay another team's run beyond one worker slot", async () => {
    expect(PLANS.FREE.concurrentRuns).toBeLessThan(SLOTS);
    const teamA = await createTeamMember(db, { credits: 10 });
    const teamB = await createTeamMember(db, { credits: 10 });

    // Team A fills more than its share with runs that each block on a slow terminal command.
    const slowRuns = [];
    for (let i = 0; i < SLOTS; i++) {
      const marker = `[slow-a-${i}]`;
      stack.model.conversation(marker, [
        reply.writeFiles({ "index.html": PAGE }),
        reply.terminal(`sleep ${SLOW_COMMAND_S}`),
        reply.summary("Slow page."),
      ]);
      slowRuns.push(await createProjectFromPrompt(db, { auth: teamA.auth, content: `Slow page ${marker}` }, stack.sendDeps));
    }
    // Give team A's jobs time to take every slot they can.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    stack.model.conversation("[quick-b]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("Quick page.")]);
    const sentB = await createProjectFromPrompt(db, { auth: teamB.auth, content: "Quick page [quick-b]" }, stack.sendDeps);
    const runB = await waitForRun(sentB.runId, { timeoutMs: 30_000 });
    expect(runB.status).toBe("SUCCEEDED");
    const waitedMs = runB.startedAt!.getTime() - runB.queuedAt.getTime();
    console.log(`[fair-share] team B queued → started: ${waitedMs} ms`);
    expect(waitedMs).toBeLessThan(1_500);

    // Team A never held more than its share: its last run started only after one of the first finished.
    const runsA = await Promise.all(slowRuns.map((s) => waitForRun(s.runId, { timeoutMs: 40_000 })));
    expect(runsA.map((r) => r.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    const byStart = [...runsA].sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
    const firstFinish = Math.min(...byStart.slice(0, PLANS.FREE.concurrentRuns).map((r) => r.finishedAt!.getTime()));
    expect(byStart.at(-1)!.startedAt!.getTime()).toBeGreaterThanOrEqual(firstFinish - 50);
  }, 60_000);

  it("holds a team to its share across worker processes", async () => {
    // A second worker with its own fetch connection, as another app process would run.
    const second = await startLocalJobWorker({ connectionString: process.env.DATABASE_URL!, deps: stack.deps, concurrency: SLOTS });
    try {
      const team = await createTeamMember(db, { credits: 10 });
      const sent = [];
      for (let i = 0; i < 4; i++) {
        const marker = `[spread-${i}]`;
        stack.model.conversation(marker, [reply.writeFiles({ "index.html": PAGE }), reply.terminal("sleep 2"), reply.summary("Done.")]);
        sent.push(await createProjectFromPrompt(db, { auth: team.auth, content: `Spread ${marker}` }, stack.sendDeps));
      }
      const runs = await Promise.all(sent.map((s) => waitForRun(s.runId, { timeoutMs: 40_000 })));
      expect(runs.every((r) => r.status === "SUCCEEDED")).toBe(true);
      // Six free slots in two processes, yet never more than the plan's share of them at once.
      const overlapAt = (t: number) => runs.filter((r) => r.startedAt!.getTime() <= t && t < r.finishedAt!.getTime()).length;
      const most = Math.max(...runs.map((r) => overlapAt(r.startedAt!.getTime())));
      expect(most).toBe(PLANS.FREE.concurrentRuns);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
