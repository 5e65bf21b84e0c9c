/**
 * Prompt → preview visible, measured in a real browser against a production build with a
 * zero-latency scripted model: what Ollio itself adds (request, queue, sandbox, save, polling,
 * preview server, iframe). Target: p50 and p95 ≤ 1 s.
 *
 *   npx tsx scripts/bench/browser.ts            # builds first
 *   BENCH_SKIP_BUILD=1 BENCH_PROMPTS=20 npx tsx scripts/bench/browser.ts
 *
 * Its own embedded Postgres in a temp dir; nothing of the developer's data is touched.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/lib/db/embedded-postgres";
import { applyMigrations } from "../../src/lib/db/migrations";
import { launchChromium } from "../../tests/browser/support/chromium";
import { completeSignUp, newAccount, previewFrame, sendLandingPrompt } from "../../tests/browser/support/flows";
import { buildNextApp, ROOT, startNextApp } from "../../tests/browser/support/next-app";
import { RENDERED_MESSAGE, startUIModel } from "../../tests/browser/support/ui-model";

const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 10);
const WARMUP = 1;

type Sample = { navigatedMs: number; iframeMs: number; visibleMs: number; runMs: number };

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-bench-pg-"));
  await chmod(dir, 0o755); // Postgres runs as `postgres` when we are root.
  const postgres = await startEmbeddedPostgres({ dir: path.join(dir, "data") });
  const model = await startUIModel({ reportRendered: true });
  const cleanups: (() => Promise<unknown>)[] = [() => model.close(), () => postgres.stop(), () => rm(dir, { recursive: true, force: true })];
  try {
    await applyMigrations(postgres.url, { dir: path.join(ROOT, "prisma/migrations") });
    const env = { DATABASE_URL: postgres.url, OPENAI_BASE_URL: model.baseUrl, OPENAI_MODEL: "scripted-model", OPENAI_API_KEY: "bench" };
    if (process.env.BENCH_SKIP_BUILD !== "1") {
      const started = Date.now();
      console.log("building (next build)…");
      await buildNextApp(env);
      console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const app = await startNextApp(env);
    cleanups.unshift(() => app.stop());
    const browser = await launchChromium();
    cleanups.unshift(() => browser.close());

    const sql = new pg.Client({ connectionString: postgres.url });
    await sql.connect();
    cleanups.unshift(() => sql.end());

    const page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    // Timestamps taken in the page itself: when Enter went down in the prompt box, and when the
    // generated page reported its heading parsed. Playwright's own polling would add up to 0.5 s.
    await page.addInitScript((renderedMessage) => {
      const marks: Record<string, number> = {};
      (window as unknown as { __bench: Record<string, number> }).__bench = marks;
      document.addEventListener("keydown", (event) => event.key === "Enter" && (marks.enter = Date.now()), true);
      const pushState = history.pushState.bind(history);
      history.pushState = (...args) => {
        marks.navigated = Date.now();
        return pushState(...args);
      };
      window.addEventListener("message", (event) => {
        if (event.data?.type === renderedMessage) marks[`rendered:${event.data.heading}`] = Date.now();
      });
      // When the preview iframe (re)appears: the UI has the new version and hands over to the frame.
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node instanceof HTMLIFrameElement || (node instanceof Element && node.querySelector("iframe"))) marks.iframe = Date.now();
          }
        }
      }).observe(document, { childList: true, subtree: true });
    }, RENDERED_MESSAGE);
    await page.goto(`${app.url}/sign-up`);
    await completeSignUp(page, newAccount("bench"));

    const samples: Sample[] = [];
    for (let i = 0; i < PROMPTS + WARMUP; i++) {
      const wish = `Bench page number ${i + 1}`;
      await page.goto(app.url);
      await sendLandingPrompt(page, wish);
      await page.waitForURL(/\/projects\/[^/]+$/);
      await previewFrame(page).getByRole("heading", { name: wish }).waitFor();
      const marks = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
      const navigatedMs = marks.navigated! - marks.enter!;
      const iframeMs = marks.iframe! - marks.enter!;
      const visibleMs = marks[`rendered:${wish}`]! - marks.enter!;
      // How long the run itself took on the server (queued → finished), to tell it from UI overhead.
      const { rows } = await sql.query<{ ms: number }>(
        `SELECT EXTRACT(EPOCH FROM ("finishedAt" - "queuedAt")) * 1000 AS ms FROM "Run" ORDER BY "createdAt" DESC LIMIT 1`,
      );
      const runMs = Number(rows[0]?.ms ?? NaN);
      if (i >= WARMUP) samples.push({ navigatedMs, iframeMs, visibleMs, runMs });
      console.log(`${i < WARMUP ? "warm-up" : `#${i}`.padEnd(7)}  navigated ${ms(navigatedMs)}  run (server) ${ms(runMs)}  iframe ${ms(iframeMs)}  preview visible ${ms(visibleMs)}`);
    }

    const visible = samples.map((s) => s.visibleMs);
    const navigated = samples.map((s) => s.navigatedMs);
    console.log(`\nprompt → preview visible over ${samples.length} prompts: p50 ${ms(percentile(visible, 50))}, p95 ${ms(percentile(visible, 95))}, max ${ms(Math.max(...visible))}`);
    console.log(`prompt → project page:                     p50 ${ms(percentile(navigated, 50))}, p95 ${ms(percentile(navigated, 95))}`);
    const iframes = samples.map((s) => s.iframeMs);
    console.log(`prompt → preview iframe inserted:          p50 ${ms(percentile(iframes, 50))}, p95 ${ms(percentile(iframes, 95))}`);
    const runs = samples.map((s) => s.runMs);
    console.log(`run queued → finished (server):            p50 ${ms(percentile(runs, 50))}, p95 ${ms(percentile(runs, 95))}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error("cleanup failed:", error));
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: with 10 samples p95 is the slowest one.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`.padStart(7);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
