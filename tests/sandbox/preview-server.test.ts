import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// PREVIEW_PORT is read once by @/env: pick a free-looking one before anything imports it.
vi.hoisted(() => {
  process.env.PREVIEW_PORT = String(40_000 + Math.floor(Math.random() * 10_000));
});

import { db } from "@/lib/db/client";
import { previewUrlFor, startPreviewServer, startPreviewServerOnce, type PreviewServer } from "@/modules/preview/server";

const APP_URL = "http://localhost:3000";
const FILES = {
  "index.html": '<!doctype html><link rel="stylesheet" href="styles.css"><script src="script.js"></script><h1>Hi</h1>',
  "styles.css": "h1 { color: rebeccapurple }",
  "script.js": "document.title = 'ran'",
  "pages/index.html": "<p>nested index</p>",
  "data/info.json": '{"ok":true}',
  "notes.unknownext": "<script>alert(1)</script>",
};

let server: PreviewServer;
let fragmentId: string;

async function createFragment(files: Record<string, string>) {
  const user = await db.user.create({ data: { email: `preview-${Math.random()}@example.com` } });
  const team = await db.team.create({ data: { name: "Preview team" } });
  const project = await db.project.create({ data: { name: "Preview", teamId: team.id, createdById: user.id } });
  const message = await db.message.create({ data: { projectId: project.id, role: "ASSISTANT", content: "done" } });
  return db.fragment.create({ data: { projectId: project.id, messageId: message.id, title: "Preview", files } });
}

/** A raw request: fetch() would normalise `..` and encoded slashes away before sending. */
function get(path: string, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  fragmentId = (await createFragment(FILES)).id;
  server = await startPreviewServer({ port: 0, host: "127.0.0.1", appUrl: APP_URL, previewOrigin: "http://localhost:3001" });
});
afterAll(() => server?.close());

describe("preview server", () => {
  it("serves a fragment's index.html with security and cache headers", async () => {
    const response = await get(`/f/${fragmentId}/`);
    expect(response.status).toBe(200);
    expect(response.body).toBe(FILES["index.html"]);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain(`frame-ancestors ${APP_URL}`);
    expect(csp).toContain("sandbox allow-scripts allow-forms allow-modals allow-popups");
    expect(csp).not.toContain("allow-same-origin");
    expect(csp).toMatch(/default-src 'self' 'unsafe-inline' data: blob:/);
    expect(csp).toMatch(/connect-src 'self' data: blob:/);
    expect(response.headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      // cross-origin: the sandboxed page's own origin is opaque (see preview-browser.test.ts)
      "cross-origin-resource-policy": "cross-origin",
      "cache-control": "public, max-age=31536000, immutable",
    });
  });

  it("serves the other files with their content types, and a directory's index.html", async () => {
    expect(await get(`/f/${fragmentId}/styles.css`)).toMatchObject({ status: 200, body: FILES["styles.css"], headers: { "content-type": "text/css; charset=utf-8" } });
    expect((await get(`/f/${fragmentId}/script.js`)).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await get(`/f/${fragmentId}/data/info.json`)).headers["content-type"]).toBe("application/json; charset=utf-8");
    expect((await get(`/f/${fragmentId}/pages/`)).body).toBe(FILES["pages/index.html"]);
    // Unknown types are plain text: with nosniff the browser will not run them.
    expect((await get(`/f/${fragmentId}/notes.unknownext`)).headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("redirects /f/<id> to /f/<id>/ so relative links resolve", async () => {
    const response = await get(`/f/${fragmentId}`);
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(`/f/${fragmentId}/`);
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await get(`/f/${fragmentId}/styles.css`, "HEAD");
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(FILES["styles.css"])));
  });

  it("404s unknown fragments and files, and refuses other methods", async () => {
    const unknown = await get("/f/doesnotexist123/");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["cache-control"]).toBe("no-store");
    expect(unknown.headers["content-security-policy"]).toContain("sandbox");
    expect((await get(`/f/${fragmentId}/missing.js`)).status).toBe(404);
    expect((await get("/")).status).toBe(404);
    const post = await get(`/f/${fragmentId}/`, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });

  it.each([
    "/f/ID/../ID/index.html",
    "/f/ID/%2e%2e/ID/index.html",
    "/f/ID/pages/..%2findex.html",
    "/f/ID/pages%2findex.html",
    "/f/ID/%00index.html",
    "/f/ID//index.html",
    "/f/..%2f..%2fetc%2fpasswd/",
    "/f/ID/%E0%A4%A",
  ])("refuses traversal and odd encodings: %s", async (path) => {
    const response = await get(path.replaceAll("ID", fragmentId));
    expect(response.status).toBe(404);
    expect(response.body).not.toContain("<h1>");
  });

  it("keeps serving from the database across restarts (no sandbox involved)", async () => {
    const second = await createFragment({ "index.html": "<p>second</p>" });
    await server.close();
    server = await startPreviewServer({ port: 0, host: "127.0.0.1", appUrl: APP_URL, previewOrigin: "http://localhost:3001" });
    expect((await get(`/f/${second.id}/`)).body).toBe("<p>second</p>");
    expect((await get(`/f/${fragmentId}/`)).body).toBe(FILES["index.html"]);
  });

  it("refuses to start on the app's own origin", async () => {
    await expect(
      startPreviewServer({ port: 0, appUrl: "http://localhost:3000/", previewOrigin: "http://localhost:3000" }),
    ).rejects.toThrow(/PREVIEW_ORIGIN .* must differ from the app's origin/);
  });
});

describe("start-up helpers", () => {
  it("builds preview URLs on PREVIEW_ORIGIN", () => {
    expect(previewUrlFor("abc123")).toBe("http://localhost:3001/f/abc123/");
  });

  it("starts the preview server once per process", async () => {
    const first = startPreviewServerOnce({ host: "127.0.0.1" });
    const second = startPreviewServerOnce({ host: "127.0.0.1" });
    expect(second).toBe(first);
    const running = await first;
    expect(running.url).toBe(`http://127.0.0.1:${process.env.PREVIEW_PORT}`);
    const response = await fetch(`${running.url}/f/${fragmentId}/styles.css`);
    expect(await response.text()).toBe(FILES["styles.css"]);
    await running.close();
  });
});
