import { createAgent, createNetwork, openai } from "@inngest/agent-kit";
import { InngestTestEngine } from "@inngest/test";
import type { EventPayload } from "inngest";
import { afterAll, describe, expect, it } from "vitest";
import { createGenerateFunction, functions } from "@/inngest/functions";
import { PLANS } from "@/modules/credits/server/plans";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import { GENERATE_REQUESTED_EVENT } from "@/modules/jobs/server/port";
import { reply } from "../support/scripted-openai";
import { createTeamMember, currentBalance, ledgerKinds } from "./support/fixtures";
import { startGenerationStack } from "./support/harness";

// No pg-boss worker here: the Inngest function runs the workflow, driven by @inngest/test's engine
// (which executes real step.run callbacks). sendPrompt's local job just stays queued.
const stack = await startGenerationStack();
afterAll(() => stack.stop());

const generate = createGenerateFunction(() => stack.deps);

// A fresh engine per execution: an engine memoises step results by step id across its executions,
// which would replay one run's "save-result" into the next run.
type Events = [EventPayload, ...EventPayload[]];
const engine = {
  execute: (options: { events: Events }) => new InngestTestEngine({ function: generate }).execute(options),
};

/** The same function, executed as its onFailure handler (what Inngest calls after the last retry). */
const failureHandler = {
  execute: (options: { events: Events }) =>
    new InngestTestEngine({
      function: Object.assign(Object.create(generate), {
        createExecution: (opts: { partialOptions: object }) =>
          generate["createExecution"]({ ...opts, partialOptions: { ...opts.partialOptions, handlerKind: "failure" } } as never),
      }),
    }).execute(options),
};

const PAGE = "<!doctype html><html lang=\"en\"><head><title>Plans</title></head><body><main><h1>Pricing</h1></main></body></html>";

function requested(runId: string, teamId: string): Events {
  return [{ name: GENERATE_REQUESTED_EVENT, data: { runId, teamId } }];
}

function functionFailed(runId: string, teamId: string, message: string): Events {
  return [
    {
      name: "inngest/function.failed",
      data: {
        function_id: "ollio-generate-ui",
        run_id: "01TESTRUN",
        error: { name: "Error", message },
        event: { name: GENERATE_REQUESTED_EVENT, data: { runId, teamId } },
      },
    },
  ];
}

describe("agent-kit inside an Inngest function under @inngest/test", () => {
  it("does not execute step.ai.infer: the model call is only reported as an AI gateway op", async () => {
    // Why the workflow runs agent-kit inside step.run, detached from the step context: called in
    // the function body, agent-kit turns each model call into step.ai.infer, which the Inngest
    // server (not this process) performs — and which the test engine never performs at all.
    const fn = inngest.createFunction({ id: "agent-kit-probe", triggers: [{ event: "test/probe" }] }, async () => {
      const agent = createAgent({ name: "probe-agent", system: "Say hi.", model: openai({ ...stack.model.model }) });
      const network = createNetwork({ name: "probe", agents: [agent], maxIter: 1, router: ({ callCount }) => (callCount ? undefined : agent) });
      await network.run("hello [probe]");
      return "finished";
    });
    const before = stack.model.requests.length;
    // executeStep returns non-runnable steps as found, without waiting for them to complete.
    const { step } = await new InngestTestEngine({ function: fn }).executeStep("probe-agent", {
      events: [{ name: "test/probe", data: {} }],
    });
    expect(step).toMatchObject({ op: "AIGateway", displayName: "probe-agent" });
    expect((step.opts as { url?: string } | undefined)?.url).toBe(`${stack.model.baseUrl}/chat/completions`);
    expect(stack.model.requests.length).toBe(before);
  });
});

describe("the generate Inngest function", () => {
  it("is retried per step, limited per team, and has a failure handler", () => {
    const [main, failure] = generate["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "ollio" }) as {
      id: string;
      triggers: unknown[];
      concurrency?: unknown;
      steps: Record<string, { retries?: { attempts?: number } }>;
    }[];
    expect(main?.triggers).toEqual([{ event: GENERATE_REQUESTED_EVENT, expression: "event.data.plan != 'PRO' && event.data.plan != 'TEAM'" }]);
    expect(main?.concurrency).toEqual({ key: "event.data.teamId", limit: PLANS.FREE.concurrentRuns });
    expect(Object.values(main!.steps)[0]?.retries?.attempts).toBe(2);
    expect(failure?.id).toBe(`${main?.id}-failure`);
  });

  it("has one function per plan, each limiting a team to that plan's concurrentRuns (as the local runner does)", () => {
    const configs = functions.map(
      (fn) => fn["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "ollio" })[0] as {
        id: string;
        triggers: { expression?: string }[];
        concurrency?: unknown;
      },
    );
    expect(configs.map((c) => [c.id, c.concurrency, c.triggers[0]?.expression])).toEqual([
      ["ollio-generate-ui-free", { key: "event.data.teamId", limit: PLANS.FREE.concurrentRuns }, "event.data.plan != 'PRO' && event.data.plan != 'TEAM'"],
      ["ollio-generate-ui-pro", { key: "event.data.teamId", limit: PLANS.PRO.concurrentRuns }, "event.data.plan == 'PRO'"],
      ["ollio-generate-ui-team", { key: "event.data.teamId", limit: PLANS.TEAM.concurrentRuns }, "event.data.plan == 'TEAM'"],
    ]);
  });

  it("runs the shared workflow: real tools in the real sandbox, fragment saved, credit committed", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    stack.model.conversation("[inngest-ok]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("A pricing page.")]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Pricing page [inngest-ok]" }, stack.sendDeps);

    const { result, ctx } = await engine.execute({ events: requested(sent.runId, team.id) });
    expect(result).toMatchObject({ kind: "succeeded", fragmentId: expect.any(String) });
    expect(ctx.step.run).toHaveBeenCalledWith("generate", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("save-result", expect.any(Function));

    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({ status: "SUCCEEDED", attempt: 1 });
    const fragment = await db.fragment.findFirstOrThrow({ where: { projectId: sent.projectId } });
    expect((fragment.files as Record<string, string>)["index.html"]).toBe(PAGE);
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "COMMIT"]);
    expect(await currentBalance(db, team.id)).toBe(2);
  });

  it("hands a failed attempt back for Inngest's step retry, which then succeeds", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    stack.model.conversation("[inngest-retry]", [
      reply.httpError(500, "model crashed"),
      reply.writeFiles({ "index.html": PAGE }),
      reply.summary("Second time lucky."),
    ]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Retry me [inngest-retry]" }, stack.sendDeps);

    const firstTry = await engine.execute({ events: requested(sent.runId, team.id) });
    expect(firstTry.error).toMatchObject({ name: "RetryableAttemptError", message: "The AI service reported an error. Try again in a moment." });
    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({ status: "QUEUED", attempt: 1 });

    // Inngest re-runs the failed "generate" step; nothing before it is memoised, so a fresh execution is that retry.
    const retry = await engine.execute({ events: requested(sent.runId, team.id) });
    expect(retry.result).toMatchObject({ kind: "succeeded" });
    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({ status: "SUCCEEDED", attempt: 2 });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "COMMIT"]);
  });

  it("refunds exactly once when the failure handler runs after the retries, even twice", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    stack.model.conversation("[inngest-down]", [reply.httpError(503, "model offline")]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Model offline [inngest-down]" }, stack.sendDeps);
    const attempt = await engine.execute({ events: requested(sent.runId, team.id) });
    expect(attempt.error).toMatchObject({ name: "RetryableAttemptError" });

    const events = functionFailed(sent.runId, team.id, "The AI model returned an error: model offline");
    const first = await failureHandler.execute({ events });
    const second = await failureHandler.execute({ events });
    expect(first.result).toEqual({ failed: true, refunded: true });
    expect(second.result).toEqual({ failed: false, refunded: false });

    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({
      status: "FAILED",
      error: "The generation failed: The AI model returned an error: model offline",
    });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(3);
    const errors = await db.message.findMany({ where: { projectId: sent.projectId, role: "ASSISTANT", kind: "ERROR" } });
    expect(errors).toHaveLength(1);
  });

  it("does not refund twice when the workflow already failed the run and the failure handler runs too", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    stack.model.conversation("[inngest-endless]", Array.from({ length: 5 }, () => reply.terminal("true")));
    const sent = await createProjectFromPrompt(db, { auth, content: "Never done [inngest-endless]" }, stack.sendDeps);

    const { result } = await engine.execute({ events: requested(sent.runId, team.id) });
    expect(result).toMatchObject({ kind: "failed", reason: expect.stringMatching(/kept working without finishing the page/) });
    await failureHandler.execute({ events: functionFailed(sent.runId, team.id, "late duplicate") });

    expect(await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).toMatchObject({ status: "FAILED", attempt: 1 });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(3);
  });

  it("skips a duplicate event for a run that already finished", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 3 });
    stack.model.conversation("[inngest-dup]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("Once.")]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Duplicate event [inngest-dup]" }, stack.sendDeps);
    await engine.execute({ events: requested(sent.runId, team.id) });
    const duplicate = await engine.execute({ events: requested(sent.runId, team.id) });
    expect(duplicate.result).toEqual({ kind: "skipped", reason: "run is SUCCEEDED" });
    expect(await db.fragment.count({ where: { projectId: sent.projectId } })).toBe(1);
  });
});
