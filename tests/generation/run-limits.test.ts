import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import type { ProgressEntry } from "@/modules/runs/server/progress";
import { MAX_TOOL_CALLS_PER_TURN } from "@/modules/runs/server/run-policy";
import { reply, type ScriptedReply } from "../support/scripted-openai";
import { createTeamMember, currentBalance, ledgerKinds } from "./support/fixtures";
import { startGenerationStack, waitForRun } from "./support/harness";

// Short wall-clock limits so a run that would otherwise sit in `sleep 30` is stopped in seconds.
// Without the page check: these tests time the agent and its commands against tight wall-clock limits.
const stack = await startGenerationStack({ attemptTimeoutMs: 2_500, runTimeoutMs: 3_500, commandTimeoutMs: 40_000, pageCheck: false });
beforeAll(() => stack.startWorker());
afterAll(() => stack.stop());

const PAGE = "<!doctype html><html lang=\"en\"><head><title>Limits</title></head><body><main><h1>Limits</h1></main></body></html>";

describe("wall-clock limits of a generation", () => {
  it("stops an attempt that outlives its limit: the run fails with a clear reason and its credit back", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[stuck]", [reply.writeFiles({ "index.html": PAGE }), reply.terminal("sleep 30")]);
    const started = Date.now();
    const sent = await createProjectFromPrompt(db, { auth, content: "Stuck command [stuck]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId, { timeoutMs: 15_000 });
    const tookMs = Date.now() - started;
    console.log(`[run-limits] attempt limit 2.5 s: run ended ${run.status} after ${tookMs} ms`);

    expect(run).toMatchObject({
      status: "FAILED",
      attempt: 1,
      error: "The generation was stopped: this attempt ran longer than its limit of 2.5 seconds.",
    });
    expect(tookMs).toBeLessThan(8_000);
    const answer = await db.message.findFirstOrThrow({ where: { projectId: sent.projectId, role: "ASSISTANT" } });
    expect(answer).toMatchObject({ kind: "ERROR", content: `${run.error} Your credit was returned.` });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(5);
  }, 20_000);

  it("bounds a run across its attempts: a retry gets only what is left of the run's limit", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[retry-stuck]", [
      reply.httpError(500, "overloaded", 1_500),
      reply.writeFiles({ "index.html": PAGE }),
      reply.terminal("sleep 30"),
    ]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Retry then stuck [retry-stuck]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId, { timeoutMs: 15_000 });

    expect(run).toMatchObject({
      status: "FAILED",
      attempt: 2,
      error: "The generation was stopped: it ran longer than the 3.5 seconds a generation may take across its attempts.",
    });
    const ranMs = run.finishedAt!.getTime() - run.startedAt!.getTime();
    expect(ranMs).toBeGreaterThanOrEqual(3_400);
    expect(ranMs).toBeLessThan(6_000);
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(5);
  }, 20_000);
});

describe("tool calls per model reply", () => {
  it(`runs at most ${MAX_TOOL_CALLS_PER_TURN} tool calls of one reply and tells the model why the rest did not run`, async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const many: ScriptedReply = {
      kind: "message",
      toolCalls: Array.from({ length: MAX_TOOL_CALLS_PER_TURN + 4 }, (_, i) => ({ name: "terminal", arguments: { command: `echo call-${i}` } })),
    };
    stack.model.conversation("[many-tools]", [many, reply.writeFiles({ "index.html": PAGE }), reply.summary("Done in fewer calls.")]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Many tools [many-tools]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId);
    expect(run.status, run.error ?? "").toBe("SUCCEEDED");

    const results = stack.model.requestsFor("[many-tools]")[1]!.body.messages.filter((m) => m.role === "tool");
    expect(results).toHaveLength(MAX_TOOL_CALLS_PER_TURN + 4);
    expect(results.slice(0, MAX_TOOL_CALLS_PER_TURN).every((m) => m.content?.includes("exit code: 0"))).toBe(true);
    for (const refused of results.slice(MAX_TOOL_CALLS_PER_TURN)) {
      expect(refused.content).toContain(`Error: too many tool calls in one reply (at most ${MAX_TOOL_CALLS_PER_TURN}); this terminal call was not run.`);
    }
    const commands = (run.progress as ProgressEntry[]).filter((p) => p.kind === "command").map((p) => p.detail);
    expect(commands).toEqual(Array.from({ length: MAX_TOOL_CALLS_PER_TURN }, (_, i) => `echo call-${i}`));
  });
});
