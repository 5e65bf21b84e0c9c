import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// PREVIEW_PORT is read once by @/env: pick a free-looking one before anything imports it.
vi.hoisted(() => {
  process.env.PREVIEW_PORT = String(40_000 + Math.floor(Math.random() * 10_000));
});

import { db } from "@/lib/db/client";
import {
  findPreviewGrant,
  newPreviewToken,
  previewUrlFor,
  startPreviewServer,
  startPreviewServerOnce,
  type PreviewServer,
} from "@/modules/preview/server";

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
let token: string;

/** Without a token: the database's default gives it one, as it did to rows older than tokens. */
async function createFragment(files: Record<string, string>, previewToken?: string) {
  const user = await db.user.create({ data: { email: `preview-${Math.random()}@example.com` } });
  const team = await db.team.create({ data: { name: "Preview team" } });
  const project = await db.project.create({ data: { name: "Preview", teamId: team.id, createdById: user.id } });
  const message = await db.message.create({ data: { projectId: project.id, role: "ASSISTANT", content: "done" } });
  return db.fragment.create({ data: { projectId: project.id, messageId: message.id, number: 1, title: "Preview", files, previewToken } });
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
  ({ id: fragmentId, previewToken: token } = await createFragment(FILES, newPreviewToken()));
  server = await startPreviewServer({ port: 0, host: "127.0.0.1", appUrl: APP_URL, previewOrigin: "http://localhost:3001" });
});
afterAll(() => server?.close());

describe("preview server", () => {
  it("serves a fragment's index.html with security and cache headers", async () => {
    const response = await get(`/p/${token}/`);
    expect(response.status).toBe(200);
    // The user's HTML, with the location reporter (location-reporter.ts) right after the doctype.
    const [doctype, rest] = [FILES["index.html"].slice(0, 15), FILES["index.html"].slice(15)];
    expect(doctype).toBe("<!doctype html>");
    expect(response.body.startsWith(`${doctype}<script>`)).toBe(true);
    expect(response.body).toContain(`parent.postMessage({type:"ollio:preview-location",phase:p,href:location.href},"${APP_URL}")`);
    expect(response.body.endsWith(`</script>${rest}`)).toBe(true);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain(`frame-ancestors ${APP_URL}`);
    expect(csp).toContain("sandbox allow-scripts allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox");
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
    expect(await get(`/p/${token}/styles.css`)).toMatchObject({ status: 200, body: FILES["styles.css"], headers: { "content-type": "text/css; charset=utf-8" } });
    expect((await get(`/p/${token}/script.js`)).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await get(`/p/${token}/data/info.json`)).headers["content-type"]).toBe("application/json; charset=utf-8");
    expect((await get(`/p/${token}/pages/`)).body).toMatch(/^<script>.*<\/script><p>nested index<\/p>$/);
    // Unknown types are plain text: with nosniff the browser will not run them.
    expect((await get(`/p/${token}/notes.unknownext`)).headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("redirects /p/<token> to /p/<token>/ so relative links resolve", async () => {
    const response = await get(`/p/${token}`);
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(`/p/${token}/`);
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await get(`/p/${token}/styles.css`, "HEAD");
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(FILES["styles.css"])));
  });

  it("404s unknown fragments and files, and refuses other methods", async () => {
    const unknown = await get(`/p/${newPreviewToken()}/`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers["cache-control"]).toBe("no-store");
    expect(unknown.headers["content-security-policy"]).toContain("sandbox");
    // An unknown token is not redirected either: nothing answers differently for it.
    expect((await get(`/p/${newPreviewToken()}`)).status).toBe(404);
    expect((await get(`/p/${token}/missing.js`)).status).toBe(404);
    expect((await get("/")).status).toBe(404);
    const post = await get(`/p/${token}/`, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });

  it.each([
    "/p/TOKEN/../TOKEN/index.html",
    "/p/TOKEN/%2e%2e/TOKEN/index.html",
    "/p/TOKEN/pages/..%2findex.html",
    "/p/TOKEN/pages%2findex.html",
    "/p/TOKEN/%00index.html",
    "/p/TOKEN//index.html",
    "/p/..%2f..%2fetc%2fpasswd/",
    "/p/TOKEN/%E0%A4%A",
  ])("refuses traversal and odd encodings: %s", async (path) => {
    const response = await get(path.replaceAll("TOKEN", token));
    expect(response.status).toBe(404);
    expect(response.body).not.toContain("<h1>");
  });

  it("keeps serving from the database across restarts (no sandbox involved)", async () => {
    const second = await createFragment({ "index.html": "<p>second</p>" });
    await server.close();
    server = await startPreviewServer({ port: 0, host: "127.0.0.1", appUrl: APP_URL, previewOrigin: "http://localhost:3001" });
    expect((await get(`/p/${second.previewToken}/`)).body).toMatch(/<\/script><p>second<\/p>$/);
    expect((await get(`/p/${token}/styles.css`)).body).toBe(FILES["styles.css"]);
  });

  it("refuses to start on the app's own origin", async () => {
    await expect(
      startPreviewServer({ port: 0, appUrl: "http://localhost:3000/", previewOrigin: "http://localhost:3000" }),
    ).rejects.toThrow(/PREVIEW_ORIGIN .* must differ from the app's origin/);
  });
});

describe("preview URLs are unguessable capabilities (issue: cuid row ids as public URLs)", () => {
  it("the row id no longer opens a preview, under the old path or the new one", async () => {
    // Before: GET /f/<fragment row id>/ served the version to anyone who guessed the cuid.
    for (const path of [`/f/${fragmentId}/`, `/f/${fragmentId}/styles.css`, `/p/${fragmentId}/`, `/p/${fragmentId}/styles.css`]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain("rebeccapurple");
    }
  });

  it("tokens are 32 random bytes, distinct, and unrelated to the row id, from the app or the database default", async () => {
    const made = [newPreviewToken(), newPreviewToken()];
    const rows = await Promise.all([createFragment({ "index.html": "a" }), createFragment({ "index.html": "b" })]);
    for (const t of [...made, ...rows.map((r) => r.previewToken)]) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, "base64url")).toHaveLength(32);
    }
    expect(new Set([...made, ...rows.map((r) => r.previewToken)]).size).toBe(4);
    for (const row of rows) expect(row.previewToken).not.toContain(row.id);
    expect(await findPreviewGrant(db, rows[0]!.previewToken)).toEqual({ fragmentId: rows[0]!.id });
    expect(await findPreviewGrant(db, rows[0]!.id)).toBeNull();
    expect(await findPreviewGrant(db, newPreviewToken())).toBeNull();
  });

  it("a neighbouring version's token does not open another one", async () => {
    const other = await createFragment({ "index.html": "<p>other team's secret</p>" });
    expect((await get(`/p/${other.previewToken}/`)).body).toContain("other team's secret");
    // Changing one character of a valid token finds nothing.
    const flipped = other.previewToken.slice(0, -1) + (other.previewToken.endsWith("A") ? "B" : "A");
    expect((await get(`/p/${flipped}/`)).status).toBe(404);
  });
});

describe("start-up helpers", () => {
  it("builds preview URLs on PREVIEW_ORIGIN from the token", () => {
    const t = newPreviewToken();
    expect(previewUrlFor(t)).toBe(`http://localhost:3001/p/${t}/`);
  });

  it("starts the preview server once per process, on the app's HOST (127.0.0.1 by default), not every interface", async () => {
    // Before: server-services started it on 0.0.0.0, reachable from the whole network.
    const first = startPreviewServerOnce();
    const second = startPreviewServerOnce();
    expect(second).toBe(first);
    const running = await first;
    expect(running.url).toBe(`http://127.0.0.1:${process.env.PREVIEW_PORT}`);
    const response = await fetch(`${running.url}/p/${token}/styles.css`);
    expect(await response.text()).toBe(FILES["styles.css"]);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    if (external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: external.address, port: Number(process.env.PREVIEW_PORT) });
        socket.once("connect", () => (socket.destroy(), resolve("connected")));
        socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
      expect(outcome, `connecting to ${external.address}`).toBe("ECONNREFUSED");
    }
    await running.close();
  });
});
