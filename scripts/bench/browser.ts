/**
 * Prompt → preview visible, measured in a real browser against a production build with a
 * zero-latency scripted model: what Ollio itself adds (request, queue, sandbox, save, polling,
 * preview server, iframe). Target: p50 and p95 ≤ 1 s.
 *
 *   npm run bench:browser                       # builds first, 10 prompts
 *   npm run bench:browser -- 60                 # any number of prompts (or BENCH_PROMPTS=60)
 *   BENCH_SKIP_BUILD=1 npm run bench:browser -- 60   # reuse the checkout's last `next build`
 *
 * Any number of prompts within the product's own limits, none of them loosened: a new account
 * is on the FREE plan (25 credits, 50 projects) and may create 20 projects a minute. The bench
 * is its own instance's admin, so it moves each account it signs up to the TEAM plan and grants
 * credits through the credits module (what an admin does for a heavy user), and it spreads the
 * prompts over as many accounts as the per-user rate limits need, waiting (outside the timings)
 * when every account is at its limit. Its own embedded Postgres in a temp dir; nothing of the
 * developer's data is touched.
 */
import pg from "pg";
import type { Cookie } from "playwright-core";
import { PLANS } from "../../src/modules/credits/server/plans";
import { RATE_LIMITS } from "../../src/modules/rate-limits/server/limits";
import { launchChromium } from "../../tests/browser/support/chromium";
import { completeSignUp, newAccount, previewFrame, sendLandingPrompt } from "../../tests/browser/support/flows";
import { buildNextApp, startNextApp } from "../../tests/browser/support/next-app";
import { RENDERED_MESSAGE, startUIModel } from "../../tests/browser/support/ui-model";
import { startBenchPostgres } from "./support/bench-setup";

const countArg = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const PROMPTS = Number(countArg ?? process.env.BENCH_PROMPTS ?? 10);
const WARMUP = 1;
/** The plan the bench's accounts are moved to: enough projects and queued runs for any bench. */
const BENCH_PLAN = "TEAM" as const;
/** Each landing prompt creates a project: it counts against both buckets (src/trpc/routers/projects.ts). */
const PROMPT_BUCKETS = [RATE_LIMITS.generate, RATE_LIMITS["projects.create"]];

type Sample = { navigatedMs: number; iframeMs: number; visibleMs: number; runMs: number };

/** A signed-up bench account: its session cookies and when it sent each prompt. */
type BenchAccount = { email: string; teamId: string; cookies: Cookie[]; sentAt: number[] };

async function main() {
  if (!Number.isInteger(PROMPTS) || PROMPTS < 1) throw new Error(`Give the number of prompts as a whole number ≥ 1 (got ${countArg ?? process.env.BENCH_PROMPTS}).`);
  const postgres = await startBenchPostgres();
  const model = await startUIModel({ reportRendered: true });
  const cleanups: (() => Promise<unknown>)[] = [() => model.close(), () => postgres.stop()];
  try {
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
    // The credits module, on the bench's own database (it reads DATABASE_URL when first imported).
    process.env.DATABASE_URL = postgres.url;
    const { db } = await import("../../src/lib/db/client");
    const { changePlan, grantCredits, MAX_GRANT } = await import("../../src/modules/credits/server/adjust");
    const { SIGN_UP_LIMITS } = await import("../../src/modules/auth/server/sign-up-rate-limit");
    cleanups.unshift(() => db.$disconnect());

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

    const total = PROMPTS + WARMUP;
    const accounts: BenchAccount[] = [];
    let current: BenchAccount | null = null;

    /** Signs up a new account in the browser (it becomes the page's session) and gives its team room. */
    async function signUpAccount(): Promise<BenchAccount> {
      await browser.context.clearCookies();
      const account = newAccount(`bench${accounts.length + 1}`);
      await page.goto(`${app.url}/sign-up`);
      await completeSignUp(page, account);
      const { rows } = await sql.query<{ teamId: string }>(
        `SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE u."email" = $1 LIMIT 1`,
        [account.email.toLowerCase()],
      );
      const teamId = rows[0]!.teamId;
      // What an instance admin does for a heavy user (src/trpc/routers/admin.ts): a bigger plan,
      // and credits on top if the bench needs more than a month's worth.
      await changePlan(db, { teamId, plan: BENCH_PLAN, byUserId: null });
      const missing = total - PLANS[BENCH_PLAN].monthlyCredits;
      for (let left = missing; left > 0; left -= MAX_GRANT) {
        await grantCredits(db, { teamId, amount: Math.min(left, MAX_GRANT), note: "bench:browser: one credit per benchmark prompt", byUserId: null });
      }
      const created: BenchAccount = { email: account.email, teamId, cookies: await browser.context.cookies(), sentAt: [] };
      accounts.push(created);
      return created;
    }

    /** An account that can send one more prompt now without hitting any limit; waits if none can. */
    async function accountWithRoom(): Promise<BenchAccount> {
      for (;;) {
        const ready = accounts.find((a) => hasRoom(a, Date.now()));
        if (ready) {
          if (ready !== current) {
            await browser.context.clearCookies();
            await browser.context.addCookies(ready.cookies);
          }
          return (current = ready);
        }
        if (accounts.length < SIGN_UP_LIMITS.perAddress) return (current = await signUpAccount());
        const waitMs = Math.min(...accounts.map((a) => msUntilRoom(a, Date.now())));
        if (!Number.isFinite(waitMs)) throw new Error(`${accounts.length} accounts (the sign-up limit per address) have used all their projects.`);
        console.log(`every account is at a rate limit: waiting ${(waitMs / 1000).toFixed(1)} s (not timed)`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }

    const samples: Sample[] = [];
    const failures: string[] = [];
    for (let i = 0; i < total; i++) {
      const wish = `Bench page number ${i + 1}`;
      const account = await accountWithRoom();
      const label = i < WARMUP ? "warm-up" : `#${i}`.padEnd(7);
      try {
        await page.goto(app.url);
        account.sentAt.push(Date.now());
        await sendLandingPrompt(page, wish);
        await page.waitForURL(/\/projects\/[^/]+$/);
        await previewFrame(page).getByRole("heading", { name: wish }).waitFor();
        // The heading can be seen in the frame a moment before the script after it reports it.
        await page.waitForFunction((key) => (window as unknown as { __bench: Record<string, number> }).__bench[key], `rendered:${wish}`, { timeout: 5_000 });
      } catch (error) {
        const alert = await page.getByRole("alert").first().textContent({ timeout: 1_000 }).catch(() => null);
        const reason = `${(error as Error).message.split("\n")[0]}${alert ? ` (page says: ${alert.trim()})` : ""}`;
        failures.push(`${label.trim()}: ${reason}`);
        console.log(`${label}  FAILED: ${reason}`);
        continue;
      }
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
      console.log(`${label}  navigated ${ms(navigatedMs)}  run (server) ${ms(runMs)}  iframe ${ms(iframeMs)}  preview visible ${ms(visibleMs)}  (account ${accounts.indexOf(account) + 1})`);
    }

    const reached = samples.length;
    console.log(`\nreached their preview: ${reached}/${PROMPTS} prompts (after ${WARMUP} warm-up), over ${accounts.length} account${accounts.length === 1 ? "" : "s"} on the ${BENCH_PLAN} plan`);
    for (const failure of failures) console.log(`  failed ${failure}`);
    if (reached === 0) throw new Error("No prompt reached its preview.");
    const visible = samples.map((s) => s.visibleMs);
    const navigated = samples.map((s) => s.navigatedMs);
    console.log(`prompt → preview visible over ${samples.length} prompts: p50 ${ms(percentile(visible, 50))}, p95 ${ms(percentile(visible, 95))}, max ${ms(Math.max(...visible))}`);
    console.log(`prompt → project page:                     p50 ${ms(percentile(navigated, 50))}, p95 ${ms(percentile(navigated, 95))}`);
    const iframes = samples.map((s) => s.iframeMs);
    console.log(`prompt → preview iframe inserted:          p50 ${ms(percentile(iframes, 50))}, p95 ${ms(percentile(iframes, 95))}`);
    const runs = samples.map((s) => s.runMs);
    console.log(`run queued → finished (server):            p50 ${ms(percentile(runs, 50))}, p95 ${ms(percentile(runs, 95))}`);
    if (failures.length) process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error("cleanup failed:", error));
  }
}

/**
 * Whether the account may send one more prompt now. Conservative against the sliding window of
 * src/modules/rate-limits (previous window weighted + current): every prompt of the last two
 * windows counts in full, with one to spare. The plan's projects and credits were sized above.
 */
function hasRoom(account: BenchAccount, now: number): boolean {
  return msUntilRoom(account, now) === 0;
}

function msUntilRoom(account: BenchAccount, now: number): number {
  let wait = 0;
  for (const { limit, windowMs } of PROMPT_BUCKETS) {
    const recent = account.sentAt.filter((t) => t > now - 2 * windowMs);
    if (recent.length < limit - 1) continue;
    // Room once enough of the oldest recent prompts are more than two windows old.
    const oldest = recent[recent.length - (limit - 1)]!;
    wait = Math.max(wait, oldest + 2 * windowMs - now + 1);
  }
  return account.sentAt.length + 1 >= PLANS[BENCH_PLAN].maxProjects ? Number.POSITIVE_INFINITY : wait;
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
