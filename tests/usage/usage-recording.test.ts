import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import { setTeamApiKey, setTeamDefaultModel } from "@/modules/models/server/team-model-settings";
import { getSecretBox } from "@/modules/models/server/team-secret-box";
import { reply, type ScriptedReply } from "../support/scripted-openai";
import { createTeamMember } from "../generation/support/fixtures";
import { startGenerationStack, waitForRun } from "../generation/support/harness";

/** The real agent, sandbox and job runner; only the model is scripted, and it reports `usage`. */
const stack = await startGenerationStack({ maxIterations: 4 });
const instanceModel = { ...stack.model.model, models: ["scripted-large"] };
stack.deps.model = instanceModel;
stack.sendDeps.model = instanceModel;
beforeAll(() => stack.startWorker());
afterAll(() => stack.stop());

const PAGE = "<!doctype html><html><head><title>Usage</title></head><body><h1>Usage</h1></body></html>";

function withUsage(next: ScriptedReply, prompt_tokens: number, completion_tokens: number): ScriptedReply {
  return { ...next, usage: { prompt_tokens, completion_tokens } } as ScriptedReply;
}

describe("usage recorded per run", () => {
  it("a successful run records its model, model calls and the tokens from every response's usage", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[usage-ok]", [
      withUsage(reply.writeFiles({ "index.html": PAGE }), 1200, 340),
      withUsage(reply.terminal("ls"), 1500, 25),
      withUsage(reply.summary("Built the usage page."), 1800, 60),
    ]);
    const sent = await createProjectFromPrompt(db, { auth, content: "A page [usage-ok]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId);

    expect(run).toMatchObject({
      status: "SUCCEEDED",
      createdById: auth.userId,
      model: "scripted-model",
      modelCalls: 3,
      promptTokens: 1200 + 1500 + 1800,
      completionTokens: 340 + 25 + 60,
    });
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt!.getTime());
    // The numbers are the server's own, request by request.
    const requests = stack.model.requestsFor("[usage-ok]");
    expect(requests).toHaveLength(3);
    expect(requests.reduce((sum, r) => sum + (r.usage?.prompt_tokens ?? 0), 0)).toBe(run.promptTokens);
  });

  it("a failed run still records what it used, estimated usage included", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    // Four turns of talk without tools or a summary: the agent gives up (not retried).
    stack.model.conversation("[usage-fail]", Array.from({ length: 4 }, () => reply.text("Thinking about it…")));
    const sent = await createProjectFromPrompt(db, { auth, content: "A page [usage-fail]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId);

    const requests = stack.model.requestsFor("[usage-fail]");
    expect(run.status).toBe("FAILED");
    expect(run.modelCalls).toBe(requests.length);
    expect(run.promptTokens).toBe(requests.reduce((sum, r) => sum + (r.usage?.prompt_tokens ?? 0), 0));
    expect(run.completionTokens).toBe(requests.reduce((sum, r) => sum + (r.usage?.completion_tokens ?? 0), 0));
    expect(run.promptTokens).toBeGreaterThan(0);
  });

  it("a run uses the team's default model and the team's own key; a prompt's pick overrides the default", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    await setTeamDefaultModel(db, auth, instanceModel, "scripted-large");
    await setTeamApiKey(db, await getSecretBox(), auth, "sk-team-own-key-1234");

    stack.model.conversation("[usage-team-model]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("Done.")]);
    const first = await createProjectFromPrompt(db, { auth, content: "A page [usage-team-model]" }, stack.sendDeps);
    expect(await waitForRun(first.runId)).toMatchObject({ status: "SUCCEEDED", model: "scripted-large", modelCalls: 2 });
    const sentWith = stack.model.requestsFor("[usage-team-model]").map((r) => [r.body.model, r.apiKey]);
    expect(sentWith).toEqual([
      ["scripted-large", "sk-team-own-key-1234"],
      ["scripted-large", "sk-team-own-key-1234"],
    ]);

    stack.model.conversation("[usage-picked]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("Done.")]);
    const picked = await createProjectFromPrompt(db, { auth, content: "A page [usage-picked]", model: "scripted-model" }, stack.sendDeps);
    expect(await waitForRun(picked.runId)).toMatchObject({ status: "SUCCEEDED", model: "scripted-model" });
    expect(stack.model.requestsFor("[usage-picked]").map((r) => r.body.model)).toEqual(["scripted-model", "scripted-model"]);
  });

  it("a model the instance does not offer is refused before anything is queued", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const refusal = await createProjectFromPrompt(db, { auth, content: "A page", model: "gpt-unknown" }, stack.sendDeps).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("scripted-model, scripted-large") });
    expect(await db.project.count({ where: { teamId: auth.teamId } })).toBe(0);
  });
});
