import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPreviewToken, startPreviewServer, type PreviewServer } from "@/modules/preview/server";

const CHROMIUM = "/usr/bin/chromium";
const TOKEN = newPreviewToken();

// What a generated page may and may not do, checked in a real browser: the headers only matter
// through how a browser enforces them.
const FILES = new Map(
  Object.entries({
    "index.html":
      '<!doctype html><link rel="stylesheet" href="styles.css"><script src="script.js" defer></script><h1>Hi</h1><img id="pic" src="pic.svg" alt="">',
    "styles.css": "h1 { color: rgb(102, 51, 153) }",
    "pic.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    "data.json": '{"own":true}',
    "script.js": `
      const report = document.body.dataset;
      report.ran = "yes";
      report.origin = self.origin;
      try { localStorage.setItem("x", "1"); report.storage = "ok" } catch { report.storage = "blocked" }
      fetch("data.json").then((r) => r.text()).then((t) => (report.own = t), () => (report.own = "blocked"));
      fetch(APP_URL + "/secret").then((r) => r.text()).then((t) => (report.app = t), () => (report.app = "blocked"));`,
  }),
);

describe.skipIf(!existsSync(CHROMIUM))("a preview in Chromium", () => {
  let app: Server;
  let appUrl: string;
  let preview: PreviewServer;

  beforeAll(async () => {
    // The "app": frames the preview, and has a secret readable by any origin it lets in.
    app = createServer((request, response) => {
      response.setHeader("Access-Control-Allow-Origin", "*");
      if (request.url === "/secret") return response.end("APP-SECRET");
      response.setHeader("Content-Type", "text/html");
      response.end(`<iframe src="${preview.url}/p/${TOKEN}/"></iframe>`);
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const files = new Map([...FILES].map(([path, content]) => [path, content.replace("APP_URL", JSON.stringify(appUrl))]));
    preview = await startPreviewServer({ port: 0, host: "localhost", appUrl, previewOrigin: "http://localhost:1", files: async (token) => (token === TOKEN ? files : null) });
  });
  afterAll(async () => {
    await preview?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  it("runs its scripts and styles, fetches its own files, and nothing of the app", async () => {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage();
      for (const framed of [true, false]) {
        await page.goto(framed ? appUrl : `${preview.url}/p/${TOKEN}/`);
        const frame = framed ? await (await page.waitForSelector("iframe")).contentFrame() : page.mainFrame();
        await frame!.waitForFunction(() => document.body.dataset.own && document.body.dataset.app);
        const seen = await frame!.evaluate(() => ({
          ...document.body.dataset,
          color: getComputedStyle(document.querySelector("h1")!).color,
          image: (document.getElementById("pic") as HTMLImageElement).naturalWidth,
        }));
        expect(seen).toEqual({
          ran: "yes",
          origin: "null", // opaque, framed or opened directly
          storage: "blocked",
          own: '{"own":true}',
          app: "blocked",
          color: "rgb(102, 51, 153)",
          image: 10,
        });
      }
    } finally {
      await browser.close();
    }
  });
});
