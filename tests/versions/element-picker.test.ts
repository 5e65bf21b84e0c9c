import "../generation/support/model-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { loadRunContext } from "@/modules/generation/server/prompt-context";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { PICKED_ELEMENT, readPickedElement } from "@/modules/preview/picker-message";
import { startPreviewServer, type PreviewServer } from "@/modules/preview/server";
import { createCaller } from "@/trpc/routers/_app";
import { createProject, createTeamMember } from "../generation/support/fixtures";
import { rejection } from "../support/rejection";
import { seedAgentVersion } from "./support/seed";

afterAll(() => stopBoss(env.DATABASE_URL));

const APP_URL = "http://localhost:3000";
let server: PreviewServer;
beforeAll(async () => {
  server = await startPreviewServer({ port: 0, host: "127.0.0.1", appUrl: APP_URL, previewOrigin: "http://localhost:3001" });
});
afterAll(() => server?.close());

const pick = { type: PICKED_ELEMENT, tag: "button", text: "  Buy   now ", selector: "main > button:nth-of-type(2)", html: '<button class="cta">Buy now</button>' };

describe("picked-element messages", () => {
  it("accepts the picker's shape, tidying the text", () => {
    expect(readPickedElement(pick)).toEqual({ tag: "button", text: "Buy now", selector: "main > button:nth-of-type(2)", html: '<button class="cta">Buy now</button>' });
  });

  it("caps the snippet and the outerHTML", () => {
    const element = readPickedElement({ ...pick, text: "x".repeat(500), html: `<p>${"y".repeat(5000)}</p>` })!;
    expect(element.text).toHaveLength(120);
    expect(element.html).toHaveLength(2000);
  });

  it.each([
    ["another message type", { ...pick, type: "ollio:preview-location" }],
    ["a non-object", "ollio:picked-element"],
    ["a missing selector", { ...pick, selector: "  " }],
    ["a selector past its cap", { ...pick, selector: "a".repeat(501) }],
    ["a tag that is not an element name", { ...pick, tag: "<script>" }],
    ["a number for the HTML", { ...pick, html: 42 }],
    ["a NUL", { ...pick, text: "a\0b" }],
  ])("refuses a forged message: %s", (_name, data) => {
    expect(readPickedElement(data)).toBeNull();
  });
});

describe("the picker script", () => {
  it("is served in the app's own preview, talking only to the app's origin, and never under a share token", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const v1 = await seedAgentVersion(db, project.id, { "index.html": "<!doctype html><h1>Hi</h1>" });
    const own = await (await fetch(`${server.url}/p/${v1.previewToken}/`)).text();
    expect(own).toContain(PICKED_ELEMENT);
    expect(own).toContain(`e.origin!==${JSON.stringify(APP_URL)}`);
    expect(own).toContain(`},${JSON.stringify(APP_URL)})}`); // posts to the app's origin only
    expect(own.startsWith("<!doctype html><script>")).toBe(true);

    const link = await createCaller({ db, auth }).sharing.create({ fragmentId: v1.id });
    const shared = await (await fetch(`${server.url}/p/${link.url.split("/s/")[1]}/`)).text();
    expect(shared).toContain("<h1>Hi</h1>");
    expect(shared).not.toContain(PICKED_ELEMENT);
  });
});

describe("a prompt with a picked element", () => {
  it("carries the element's selector and HTML into the agent's prompt", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    await seedAgentVersion(db, project.id, { "index.html": '<!doctype html><main><button class="cta">Buy now</button></main>' });
    const element = { tag: "button", text: "Buy now", selector: "main > button", html: '<button class="cta">Buy now</button>' };
    const sent = await createCaller({ db, auth }).messages.create({ projectId: project.id, content: "Make this bigger", element });
    const run = await db.run.findUniqueOrThrow({ where: { id: sent.runId } });
    expect(run.element).toEqual(element);
    const context = await loadRunContext(db, { ...run, startedAt: new Date() });
    expect(context.agentPrompt).toContain("CSS selector: main > button");
    expect(context.agentPrompt).toContain('<button class="cta">Buy now</button>');
    expect(context.agentPrompt.indexOf("CSS selector")).toBeLessThan(context.agentPrompt.indexOf("Request:\nMake this bigger"));
  });

  it("without one, the prompt says nothing about elements", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const sent = await createCaller({ db, auth }).messages.create({ projectId: project.id, content: "A page" });
    const run = await db.run.findUniqueOrThrow({ where: { id: sent.runId } });
    expect((await loadRunContext(db, { ...run, startedAt: new Date() })).agentPrompt).not.toContain("CSS selector");
  });

  it("refuses an element past its caps, creating nothing", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const element = { tag: "div", text: "", selector: "div", html: "x".repeat(2001) };
    expect(await rejection(createCaller({ db, auth }).messages.create({ projectId: project.id, content: "Hi", element }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(0);
  });
});
