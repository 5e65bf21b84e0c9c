import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nextConfig from "../../next.config";
import { newPreviewToken, startPreviewServer, type PreviewServer } from "@/modules/preview/server";
import { previewFrameSources } from "@/lib/content-security-policy";
import { CHROMIUM_PATH } from "../browser/support/chromium";

// The issue: a preview could navigate its frame to any site, shown inside Ollio's UI as if it
// were the preview, and its popups kept a window.opener back to Ollio. Checked with the real
// PreviewPane (bundled with esbuild, no Next build), the real preview server and Chromium.
const ROOT = path.resolve(import.meta.dirname, "../..");
const TOKEN = newPreviewToken();

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.skipIf(!existsSync(CHROMIUM_PATH))("a preview that leaves, in Ollio's preview pane (Chromium)", () => {
  let app: { server: Server; url: string };
  let external: { server: Server; url: string };
  let preview: PreviewServer;
  let browser: Browser;
  const externalHits: string[] = [];

  beforeAll(async () => {
    // The "external site": records what reached it, and what a popup it serves could see.
    external = await listen((request, response) => {
      externalHits.push(request.url!);
      response.setHeader("Content-Type", "text/html");
      response.end(`<!doctype html><h1>Sign in to Ollio</h1><input type="password">
        <script>fetch("/seen?page=" + location.pathname.slice(1) + "&opener=" + (window.opener === null ? "null" : typeof window.opener) + "&origin=" + encodeURIComponent(self.origin))</script>`);
    });
    const files = new Map(
      Object.entries({
        "index.html": `<!doctype html><h1>Version one</h1><a id="inside" href="page2.html">Page 2</a>
          <button id="leave" onclick="location.href='${external.url}/phish'">Leave</button>
          <button id="popup" onclick="window.open('${external.url}/popup')">Popup</button>`,
        "page2.html": "<!doctype html><h1>Page two</h1>",
      }),
    );
    const bundle = await build({
      entryPoints: [path.join(import.meta.dirname, "support/preview-pane-entry.tsx")],
      bundle: true,
      write: false,
      format: "iife",
      jsx: "automatic",
      alias: { "@": path.join(ROOT, "src") },
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const script = bundle.outputFiles[0]!.text;
    // The "app": serves the pane with Ollio's own response headers from next.config.ts.
    const appHeaders = (await nextConfig.headers!()).flatMap((rule) => rule.headers);
    app = await listen((request, response) => {
      for (const { key, value } of appHeaders) response.setHeader(key, value);
      if (request.url === "/pane.js") {
        response.setHeader("Content-Type", "text/javascript");
        return response.end(script);
      }
      response.setHeader("Content-Type", "text/html");
      // The frame-src of the CSP src/proxy.ts puts on Ollio's pages (preview-frame-policy.test.ts checks that it does).
      if (request.url === "/?frame-policy") response.setHeader("Content-Security-Policy", `frame-src ${previewFrameSources(preview.url, false).join(" ")}`);
      // The few layout utilities (Tailwind's, not built here) that make the warning cover the frame.
      const css = ".relative{position:relative}.absolute{position:absolute}.inset-0{inset:0}.z-10{z-index:10}.size-full{width:100%;height:100%}.flex-1{flex:1}.h-full{height:100%}.min-h-0{min-height:0}.flex{display:flex}.flex-col{flex-direction:column}.bg-background{background:#fff}";
      response.end(`<!doctype html><style>${css}</style><div id="root"></div><script>PREVIEW_URL=${JSON.stringify(`${preview.url}/p/${TOKEN}/`)}</script><script src="/pane.js"></script>`);
    });
    preview = await startPreviewServer({
      port: 0,
      host: "localhost",
      appUrl: app.url,
      previewOrigin: "http://localhost:1",
      files: async (token) => (token === TOKEN ? files : null),
    });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    for (const s of [app?.server, external?.server]) await new Promise((resolve) => s?.close(resolve));
  });

  async function openPane(query = ""): Promise<{ page: Page; frame: () => Frame }> {
    const page = await browser.newPage();
    await page.goto(`${app.url}/${query}`);
    const frame = () => page.frames().find((f) => f !== page.mainFrame())!;
    await page.waitForFunction(() => document.querySelector("iframe"));
    await expect.poll(() => frame()?.url()).toBe(`${preview.url}/p/${TOKEN}/`);
    await frame().waitForSelector("h1");
    return { page, frame };
  }

  it("stays quiet while the frame moves inside the preview", async () => {
    const { page, frame } = await openPane();
    await page.waitForTimeout(1500); // longer than LATE_REPORT_MS: a warning would be up by now
    expect(await page.getByRole("alert").count()).toBe(0);
    await frame().click("#inside");
    await expect.poll(() => frame().url()).toBe(`${preview.url}/p/${TOKEN}/page2.html`);
    await page.waitForTimeout(1500);
    expect(await page.getByRole("alert").count()).toBe(0);
    // The address shown follows the frame.
    await expect.poll(() => page.getByText(`${preview.url}/p/${TOKEN}/page2.html`).count()).toBe(1);
    await page.close();
  });

  it("covers a frame that navigated to another site with a warning, and Back returns to the version", async () => {
    const { page, frame } = await openPane();
    await frame().click("#leave");
    await expect.poll(() => externalHits).toContain("/phish"); // it did leave: the other site was loaded
    const warning = page.getByRole("alert");
    await warning.waitFor({ timeout: 5000 });
    expect(await warning.textContent()).toContain("This preview left your app");
    expect(await page.getByText("Left the preview").count()).toBe(1);
    // The foreign page is hidden behind the warning, not clickable.
    await expect(page.locator("iframe").click({ timeout: 500, position: { x: 10, y: 10 } })).rejects.toThrow();

    await page.getByRole("button", { name: "Back to preview" }).click();
    await expect.poll(() => frame().url()).toBe(`${preview.url}/p/${TOKEN}/`);
    await page.waitForTimeout(1500);
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.close();
  });

  it("with Ollio's frame policy, the frame cannot even reach the other site, and the warning still shows", async () => {
    const { page, frame } = await openPane("?frame-policy");
    const before = externalHits.filter((hit) => hit === "/phish").length;
    await frame().click("#leave");
    await page.getByRole("alert").waitFor({ timeout: 5000 });
    expect(await page.getByRole("alert").textContent()).toContain("This preview left your app");
    // Blocked by the browser before any request: the other site never saw this visit.
    expect(externalHits.filter((hit) => hit === "/phish").length).toBe(before);
    await page.getByRole("button", { name: "Back to preview" }).click();
    await expect.poll(() => frame().url()).toBe(`${preview.url}/p/${TOKEN}/`);
    await page.close();
  });

  it("opens popups outside the sandbox but without a window.opener back to Ollio", async () => {
    const { page, frame } = await openPane();
    const popup = page.context().waitForEvent("page");
    await frame().click("#popup");
    await (await popup).waitForLoadState();
    await expect.poll(() => externalHits.find((hit) => hit.startsWith("/seen?page=popup"))).toBeDefined();
    // Before: sandbox without allow-popups-to-escape-sandbox (an opaque-origin popup) and no COOP:
    // window.opener was an object that reached Ollio's window.
    expect(externalHits.filter((hit) => hit.startsWith("/seen?page=popup"))).toEqual([
      `/seen?page=popup&opener=null&origin=${encodeURIComponent(external.url)}`,
    ]);
    await page.close();
  });
});
