import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt, sendPrompt } from "@/modules/generation/server/send-prompt";
import { reply } from "../support/scripted-openai";
import { createTeamMember } from "../generation/support/fixtures";
import { startGenerationStack, waitForRun } from "../generation/support/harness";

const stack = await startGenerationStack();
beforeAll(() => stack.startWorker());
afterAll(() => stack.stop());

const page = (n: number) => `<!doctype html><html><head><link rel="stylesheet" href="styles.css"></head><body><h1>Version ${n}</h1></body></html>`;

describe("a prompt sent while an older version is on screen", () => {
  it("builds on that version's files and history; the result is the next number, its parent the base", async () => {
    const { auth } = await createTeamMember(db, { credits: 10 });
    stack.model.conversation("[chain-1]", [reply.writeFiles({ "index.html": page(1), "styles.css": "h1{color:red}" }), reply.summary("First page.")]);
    const first = await createProjectFromPrompt(db, { auth, content: "A page [chain-1]" }, stack.sendDeps);
    await waitForRun(first.runId, { statuses: ["SUCCEEDED"] });
    const { projectId } = first;
    for (const n of [2, 3]) {
      stack.model.conversation(`[chain-${n}]`, [reply.writeFiles({ "index.html": page(n), "extra.js": `/* v${n} */` }), reply.summary(`Version ${n} made.`)]);
      const sent = await sendPrompt(db, { auth, projectId, content: `Next [chain-${n}]` }, stack.sendDeps);
      await waitForRun(sent.runId, { statuses: ["SUCCEEDED"] });
    }
    const versions = await db.fragment.findMany({ where: { projectId }, orderBy: { number: "asc" } });
    expect(versions.map((v) => [v.number, v.parentId])).toEqual([
      [1, null],
      [2, versions[0]!.id],
      [3, versions[1]!.id],
    ]);

    // On v1: the agent reads index.html in its sandbox, then changes the styles.
    stack.model.conversation("[from-v1]", [reply.readFiles(["index.html"]), reply.writeFiles({ "styles.css": "h1{color:green}" }), reply.summary("Green heading.")]);
    const sent = await sendPrompt(db, { auth, projectId, content: "Make the heading green [from-v1]", baseVersionId: versions[0]!.id }, stack.sendDeps);
    await waitForRun(sent.runId, { statuses: ["SUCCEEDED"] });

    const [asked, afterRead] = stack.model.requestsFor("[from-v1]");
    const prompt = asked!.body.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
    // v1's file list and v1's turn of the conversation, not v2's or v3's.
    expect(prompt).toContain("version 1 of this project");
    expect(prompt).not.toContain("extra.js");
    expect(prompt).toContain("First page.");
    expect(prompt).not.toContain("Version 3 made.");
    // The sandbox held v1's files: readFiles answered with v1's page.
    expect(afterRead!.body.messages.at(-1)).toMatchObject({ role: "tool", content: expect.stringContaining("Version 1") });

    const v4 = await db.fragment.findFirstOrThrow({ where: { projectId, number: 4 } });
    expect(v4).toMatchObject({ parentId: versions[0]!.id, origin: "AGENT" });
    // v1's files (the template's starter files it kept included), not v3's extra.js.
    expect(v4.files).toEqual({ ...(versions[0]!.files as object), "styles.css": "h1{color:green}" });
    expect(v4.files).not.toHaveProperty("extra.js");
  });
});
