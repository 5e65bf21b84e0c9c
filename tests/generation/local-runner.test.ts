import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProjectFromPrompt, sendPrompt } from "@/modules/generation/server/send-prompt";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { renameProject } from "@/modules/projects/server/projects";
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
    // A random capability, never the row id (preview-token.ts).
    expect(fragment.previewToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fragment.previewUrl).toBe(previewUrlFor(fragment.previewToken));
    expect(fragment.previewUrl).not.toContain(fragment.id);
    expect(fragment.title).toBe("A bakery landing page with a heading and styles");
    // Named after the page's <title> rather than the prompt's opening words.
    expect((await db.project.findUniqueOrThrow({ where: { id: sent.projectId } })).name).toBe("Bakery");
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

  it("a follow-up starts from the previous version's files and saves a new, separate version", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[v1]", [reply.writeFiles({ "index.html": PAGE }), reply.summary("First version.")]);
    const first = await createProjectFromPrompt(db, { auth, content: "Bakery page [v1]" }, stack.sendDeps);
    await waitForRun(first.runId, { statuses: ["SUCCEEDED"] });

    const updated = PAGE.replace("Crumb &amp; Co", "Crumb &amp; Co — now open Sundays");
    stack.model.conversation("[v2]", [
      reply.readFiles(["index.html"]),
      reply.writeFiles({ "index.html": updated }),
      reply.summary("Added the Sunday opening to the heading."),
    ]);
    const second = await sendPrompt(db, { auth, projectId: first.projectId, content: "Mention Sundays [v2]" }, stack.sendDeps);
    await waitForRun(second.runId, { statuses: ["SUCCEEDED"] });

    const [opening, afterRead] = stack.model.requestsFor("[v2]");
    const userPrompt = opening?.body.messages.find((m) => m.role === "user")?.content ?? "";
    expect(userPrompt).toContain("- index.html");
    expect(userPrompt).toContain("User: Bakery page [v1]");
    expect(userPrompt).toContain("You: First version.");
    // The model's readFiles ran against the restored files in the new sandbox.
    expect(afterRead?.body.messages.at(-1)).toMatchObject({ role: "tool", content: expect.stringContaining("Crumb &amp; Co</h1>") });

    const versions = await db.fragment.findMany({ where: { projectId: first.projectId }, orderBy: { createdAt: "asc" } });
    expect(versions).toHaveLength(2);
    expect((versions[0]!.files as Record<string, string>)["index.html"]).toBe(PAGE);
    expect((versions[1]!.files as Record<string, string>)["index.html"]).toBe(updated);
    // The template's starter files the first version kept are still there; nothing else appeared.
    expect(Object.keys(versions[1]!.files as object).sort()).toEqual(Object.keys(versions[0]!.files as object).sort());
  });

  it("keeps a person's rename over the next version's page title", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const titled = (title: string) => PAGE.replace("<title>Bakery</title>", `<title>${title}</title>`);
    stack.model.conversation("[named-1]", [reply.writeFiles({ "index.html": titled("Crumb &amp; Co") }), reply.summary("Built it.")]);
    const first = await createProjectFromPrompt(db, { auth, content: "please make me a page for the bakery on the corner [named-1]" }, stack.sendDeps);
    await waitForRun(first.runId, { statuses: ["SUCCEEDED"] });
    expect((await db.project.findUniqueOrThrow({ where: { id: first.projectId } })).name).toBe("Crumb & Co");

    await renameProject(db, auth, first.projectId, "Corner bakery");
    stack.model.conversation("[named-2]", [reply.writeFiles({ "index.html": titled("Crumb &amp; Co — Sundays") }), reply.summary("Added Sundays.")]);
    const second = await sendPrompt(db, { auth, projectId: first.projectId, content: "Mention Sundays [named-2]" }, stack.sendDeps);
    await waitForRun(second.runId, { statuses: ["SUCCEEDED"] });
    expect((await db.project.findUniqueOrThrow({ where: { id: first.projectId } })).name).toBe("Corner bakery");
  });

  it("retries after a model HTTP 500 and then succeeds, charging once", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[flaky]", [
      reply.httpError(500, "upstream overloaded"),
      reply.writeFiles({ "index.html": PAGE }),
      reply.summary("Built it on the second try."),
    ]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Flaky model [flaky]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId);
    expect(run).toMatchObject({ status: "SUCCEEDED", attempt: 2 });
    const notes = (run.progress as ProgressEntry[]).map((p) => p.detail);
    expect(notes).toContain("Attempt 1 failed: The AI service reported an error. Try again in a moment. Retrying…");
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "COMMIT"]);
    expect(await currentBalance(db, team.id)).toBe(4);
  });

  it("retries malformed tool-call arguments; when every attempt is malformed the run fails with one refund", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[malformed-once]", [
      reply.malformedToolCall("createOrUpdateFiles"),
      reply.writeFiles({ "index.html": PAGE }),
      reply.summary("Done after a malformed call."),
    ]);
    const recovered = await createProjectFromPrompt(db, { auth, content: "Recover [malformed-once]" }, stack.sendDeps);
    expect(await waitForRun(recovered.runId)).toMatchObject({ status: "SUCCEEDED", attempt: 2 });

    stack.model.conversation("[malformed-always]", [
      reply.malformedToolCall("createOrUpdateFiles"),
      reply.malformedToolCall("createOrUpdateFiles"),
      reply.malformedToolCall("createOrUpdateFiles"),
    ]);
    const broken = await createProjectFromPrompt(db, { auth, content: "Never valid [malformed-always]" }, stack.sendDeps);
    const run = await waitForRun(broken.runId);
    expect(run).toMatchObject({ status: "FAILED", attempt: 3, error: "The AI sent a garbled answer. Try again; rewording your request can help." });
    const messages = await db.message.findMany({ where: { projectId: broken.projectId }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => [m.role, m.kind])).toEqual([["USER", "RESULT"], ["ASSISTANT", "ERROR"]]);
    expect(messages[1]?.content).toBe("The AI sent a garbled answer. Try again; rewording your request can help. Your credit was returned.");
    expect(await ledgerKinds(db, broken.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(4); // 5 − the successful run; the failed one was refunded
  });

  it("fails without retrying when the model never sends <task_summary> within the iteration limit", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[endless]", Array.from({ length: 10 }, () => reply.terminal("echo still working")));
    const sent = await createProjectFromPrompt(db, { auth, content: "Never finishes [endless]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId);
    expect(run).toMatchObject({ status: "FAILED", attempt: 1, error: expect.stringMatching(/^The AI kept working without finishing the page, so Ollio stopped it\. Try again/) });
    expect(run.error).not.toMatch(/task_summary|steps/);
    expect(stack.model.requestsFor("[endless]")).toHaveLength(5);
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(5);
  });

  it("answers an unknown tool name by failing the attempt, and a path escape with a tool error the model can fix", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[tools]", [
      reply.toolCall("deleteEverything", { really: true }),
      reply.writeFiles({ "../outside.html": "<p>escape</p>", "/etc/passwd": "x" }),
      reply.writeFiles({ "index.html": PAGE }),
      reply.summary("Wrote the page inside the app directory."),
    ]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Tool trouble [tools]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId);
    expect(run).toMatchObject({ status: "SUCCEEDED", attempt: 2 });
    const notes = (run.progress as ProgressEntry[]).map((p) => p.detail).join("\n");
    expect(notes).toContain("Attempt 1 failed: The AI sent a garbled answer.");

    const afterEscape = stack.model.requestsFor("[tools]")[2]?.body.messages.at(-1);
    expect(afterEscape?.role).toBe("tool");
    expect(afterEscape?.content).toContain("could not write 2 file(s)");
    expect(afterEscape?.content).toContain('Path \\"../outside.html\\" is not allowed');
    const fragment = await db.fragment.findFirstOrThrow({ where: { projectId: sent.projectId } });
    expect(Object.keys(fragment.files as object)).not.toContain("../outside.html");
  });

  it("fails the run after the model times out on every attempt, refunding once", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    stack.model.conversation("[slow]", [reply.text("late", 5_000), reply.text("late", 5_000), reply.text("late", 5_000)]);
    const sent = await createProjectFromPrompt(db, { auth, content: "Slow model [slow]" }, stack.sendDeps);
    const run = await waitForRun(sent.runId, { timeoutMs: 25_000 });
    expect(run).toMatchObject({ status: "FAILED", attempt: 3, error: "The AI took too long to answer (more than 3 seconds). Try again in a moment." });
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE", "REFUND"]);
    expect(await currentBalance(db, team.id)).toBe(5);
  }, 40_000);
});
