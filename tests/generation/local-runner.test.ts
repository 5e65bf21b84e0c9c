import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt, sendPrompt } from "@/modules/generation/server/send-prompt";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import type { ProgressEntry } from "@/modules/runs/server/progress";
import { reply } from "../support/scripted-openai";
import { createTeamMember, currentBalance, ledgerKinds } from "./support/fixtures";
import { startGenerationStack, waitForRun } from "./support/harness";

const stack = await startGenerationStack();
beforeAll(() => stack.startWorker());
afterAll(() => stack.stop());

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bakery</title><link rel="stylesheet" href="styles.css"></head><body><main><h1>Crumb &amp; Co</h1></main></body></html>`;

describe("generation through the embedded pg-boss runner", () => {
  it("builds a UI: fragment saved, assistant RESULT message, credit committed", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[success-1]", [
      reply.writeFiles({ "index.html": PAGE, "styles.css": "body { font-family: system-ui; }" }),
      reply.terminal("ls"),
      reply.summary("I built a bakery landing page with a heading and styles."),
    ]);
    const sent = await createProjectFromPrompt(db, { auth, content: "A bakery landing page [success-1]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId);

    expect(run).toMatchObject({ status: "SUCCEEDED", attempt: 1, error: null });
    const fragment = await db.fragment.findFirstOrThrow({ where: { projectId: sent.projectId }, include: { message: true } });
    expect(fragment.files).toMatchObject({ "index.html": PAGE, "styles.css": "body { font-family: system-ui; }" });
    expect(fragment.previewUrl).toBe(previewUrlFor(fragment.id));
    expect(fragment.title).toBe("I built a bakery landing page with a heading and styles");
    expect(fragment.message).toMatchObject({ role: "ASSISTANT", kind: "RESULT", content: "I built a bakery landing page with a heading and styles." });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "COMMIT"]);
    expect(await currentBalance(db, team.id)).toBe(4);

    const progress = run.progress as ProgressEntry[];
    expect(progress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "file", detail: "index.html" }),
        expect.objectContaining({ kind: "command", detail: "ls" }),
      ]),
    );
    const [first, second] = stack.model.requestsFor("[success-1]");
    expect(first?.body.tools?.map((t) => t.function.name).sort()).toEqual(["createOrUpdateFiles", "readFiles", "terminal"]);
    // The terminal ran in the sandbox, and its real output went back to the model.
    const lsResult = stack.model.requestsFor("[success-1]")[2]?.body.messages.at(-1);
    expect(lsResult).toMatchObject({ role: "tool", content: expect.stringContaining("index.html") });
    expect(second?.body.messages.at(-1)).toMatchObject({ role: "tool", content: expect.stringContaining("Wrote 2 file(s)") });
  });
});
