/**
 * `npx tsx scripts/bench/generation.ts [runs]` — latency of the generation path on this machine,
 * `npx tsx scripts/bench/generation.ts --burst [N] [--one-team]` — N prompts sent at once (default
 * 20, each from its own team unless --one-team), at the default worker settings,
 * with everything real except the model: its own embedded Postgres, the embedded pg-boss runner,
 * the local bubblewrap sandbox, and a zero-latency scripted OpenAI-compatible server.
 *
 * The burst also prints how idle the machine was during it (/proc/stat, all cores) and how many
 * job fetches the worker made per job (pg-boss's per-slot workers used to fetch once each per
 * NOTIFY; Ollio's worker fetches once per NOTIFY or freed slot).
 *
 * Measures, per prompt (sequentially, on an otherwise idle system):
 *   sendPrompt          what messages.create does: validate, lock, reserve, insert, enqueue + NOTIFY
 *   enqueue → start     from handing the job to pg-boss until the worker has claimed the run
 *   prompt → fragment   from sendPrompt's call until the fragment is saved and the run SUCCEEDED
 *                       (includes the page check; BENCH_PAGE_CHECK=0 leaves it out)
 */
import { readFile } from "node:fs/promises";
import os from "node:os";
import pgDriver from "pg";
import { reply, startScriptedOpenAI } from "../../tests/support/scripted-openai";
import { benchTeam, ms, percentile, startBenchPostgres } from "./support/bench-setup";

const args = process.argv.slice(2);
const BURST = args.includes("--burst");
// BENCH_PAGE_CHECK=0 measures without the page check (docs/check.md), to see what it adds.
const PAGE_CHECK = process.env.BENCH_PAGE_CHECK !== "0";
const ONE_TEAM = args.includes("--one-team");
const countArg = args.find((a) => /^\d+$/.test(a));
const RUNS = Number(countArg ?? (BURST ? 20 : 40));
const WARMUP = 3;
const TARGETS = { sendPrompt: 25, enqueueToStart: 50, promptToFragment: 500 };

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bench</title><link rel="stylesheet" href="styles.css"></head>
<body><main><h1>Benchmark page</h1><button type="button">Click</button></main><script src="script.js"></script></body></html>`;

async function main() {
  const pg = await startBenchPostgres();

  // App modules read env when first imported, so they load only now.
  const { db } = await import("../../src/lib/db/client");
  const { sendPrompt } = await import("../../src/modules/generation/server/send-prompt");
  const { createWorkflowDeps } = await import("../../src/modules/generation/server/default-workflow-deps");
  const { defaultWorkflowSettings } = await import("../../src/modules/generation/server/workflow-deps");
  const { createLocalJobs } = await import("../../src/modules/jobs/server/local/local-jobs");
  const { startLocalJobWorker } = await import("../../src/modules/jobs/server/local/worker");
  const { stopBoss } = await import("../../src/modules/jobs/server/local/boss");

  const model = await startScriptedOpenAI();
  // Stateless script: write the files, then (after the tool result) summarise.
  model.whenExhausted((request) =>
    request.messages.at(-1)?.role === "tool"
      ? reply.summary("Built the benchmark page.")
      : reply.writeFiles({ "index.html": PAGE, "styles.css": "main { padding: 1rem; }", "script.js": "document.querySelector('button')" }),
  );

  const localJobs = createLocalJobs(pg.url);
  const fetches = countJobFetches();
  const enqueuedAt = new Map<string, number>();
  const dispatchMs = new Map<string, number>();
  const jobs = {
    async dispatchGenerate(data: { runId: string; teamId: string }) {
      enqueuedAt.set(data.runId, Date.now());
      await localJobs.dispatchGenerate(data);
      dispatchMs.set(data.runId, Date.now() - enqueuedAt.get(data.runId)!);
    },
  };
  const deps = createWorkflowDeps({ model: model.model, settings: { ...defaultWorkflowSettings(), heartbeatMs: 5_000, pageCheck: PAGE_CHECK } });
  if (BURST) {
    // Default settings: the worker's concurrency comes from env (JOBS_CONCURRENCY) as in the app.
    const worker = await startLocalJobWorker({ connectionString: pg.url, deps });
    await burst(db, sendPrompt, model.model, jobs, dispatchMs, fetches, pg.url);
    await worker.stop();
  } else {
    const worker = await startLocalJobWorker({ connectionString: pg.url, deps, concurrency: 2 });
    await sequential(db, sendPrompt, model.model, jobs, enqueuedAt);
    await worker.stop();
  }
  await stopBoss(pg.url);
  await model.close();
  await db.$disconnect();
  await pg.stop();
}

type Db = import("../../src/lib/db/client").Db;
type SendPrompt = typeof import("../../src/modules/generation/server/send-prompt").sendPrompt;
type Model = { baseUrl: string; model: string; apiKey: string };
type Jobs = { dispatchGenerate(data: { runId: string; teamId: string }): Promise<void> };

/** N prompts at once, each in its own project: wall time until all finished, and per-run latency. */
async function burst(db: Db, sendPrompt: SendPrompt, model: Model, jobs: Jobs, dispatchMs: Map<string, number>, fetches: { count: number }, url: string) {
  const shared = ONE_TEAM ? await benchTeam(db, "Bench") : null;
  const senders = [];
  for (let i = 0; i < RUNS; i++) {
    const auth = shared ?? (await benchTeam(db, `Bench ${i}`));
    const project = await db.project.create({ data: { teamId: auth.teamId, createdById: auth.userId, name: `Burst ${i}` } });
    senders.push({ auth, project });
  }
  // Like the sequential mode's warm-up: the first run loads and compiles the agent, sandbox and
  // database code paths, which a long-running server has long done.
  const warm = await benchTeam(db, "Warm-up");
  for (let i = 0; i < WARMUP; i++) {
    const project = await db.project.create({ data: { teamId: warm.teamId, createdById: warm.userId, name: `Warm-up ${i}` } });
    const sent = await sendPrompt(db, { auth: warm, projectId: project.id, content: `Warm-up page ${i}` }, { model, jobs });
    await waitForRun(db, sent.runId);
  }

  // Every NOTIFY the senders make, as a worker process's listener receives it.
  const { JOBS_NOTIFY_CHANNEL } = await import("../../src/modules/jobs/server/local/queue");
  const listener = new pgDriver.Client({ connectionString: url });
  await listener.connect();
  let notifications = 0;
  listener.on("notification", () => notifications++);
  await listener.query(`LISTEN ${JOBS_NOTIFY_CHANNEL}`);
  const fetchesBefore = fetches.count;
  const cpuBefore = await cpuTimes();

  const wallStart = performance.now();
  const results = await Promise.all(
    senders.map(async ({ auth, project }, i) => {
      const started = Date.now();
      const sent = await sendPrompt(db, { auth, projectId: project.id, content: `Burst page ${i}` }, { model, jobs });
      const accepted = Date.now() - started;
      const run = await waitForRun(db, sent.runId);
      return {
        accepted,
        dispatch: dispatchMs.get(sent.runId) ?? 0,
        ok: run.status === "SUCCEEDED",
        latency: run.finishedAt!.getTime() - started,
        queued: (run.startedAt?.getTime() ?? started) - started,
        working: run.finishedAt!.getTime() - (run.startedAt?.getTime() ?? started),
        error: run.error,
      };
    }),
  );
  const wallMs = performance.now() - wallStart;
  const cpuAfter = await cpuTimes();
  const idlePercent = (100 * (cpuAfter.idle - cpuBefore.idle)) / (cpuAfter.total - cpuBefore.total);
  const burstFetches = fetches.count - fetchesBefore;
  await listener.end();
  const latencies = results.map((r) => r.latency);
  const ok = results.filter((r) => r.ok).length;
  console.log(
    `\nBurst of ${RUNS} prompts at once (${ONE_TEAM ? "one team" : "one team each"}; after ${WARMUP} warm-up), ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(`succeeded ${ok}/${RUNS}; wall ${ms(wallMs)}; per-run p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`);
  const queued = results.map((r) => r.queued);
  const working = results.map((r) => r.working);
  const accepted = results.map((r) => r.accepted);
  const dispatch = results.map((r) => r.dispatch);
  console.log(
    `  sendPrompt p50 ${ms(percentile(accepted, 50))}, p95 ${ms(percentile(accepted, 95))} (of which enqueue + NOTIFY p50 ${ms(percentile(dispatch, 50))}, p95 ${ms(percentile(dispatch, 95))})`,
  );
  console.log(`  of which queued p50 ${ms(percentile(queued, 50))}, p95 ${ms(percentile(queued, 95))}; running p50 ${ms(percentile(working, 50))}, p95 ${ms(percentile(working, 95))}`);
  console.log(`  machine idle during the burst: ${idlePercent.toFixed(0)}% (all ${os.cpus().length} cores, /proc/stat)`);
  // Each run was claimed by exactly one fetch; the others found no job for a free slot.
  console.log(
    `  job fetches: ${burstFetches} for ${RUNS} jobs after ${notifications} NOTIFYs: ${(burstFetches / RUNS).toFixed(2)} per job, ${burstFetches - RUNS} found no job`,
  );
  for (const failed of results.filter((r) => !r.ok)) console.log(`  failed: ${failed.error}`);
}

/** Idle and total jiffies of all cores (first line of /proc/stat); idle includes iowait. */
async function cpuTimes(): Promise<{ idle: number; total: number }> {
  // user nice system idle iowait irq softirq steal; guest time is already counted in user.
  const fields = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { idle: fields[3]! + fields[4]!, total: fields.reduce((sum, v) => sum + v, 0) };
}

/**
 * Counts the worker's job fetches (src/modules/jobs/server/local/fair-fetch.ts) in this process
 * by their advisory lock's name, calling through to pg unchanged. pg has no hook for this, and
 * the embedded Postgres has no pg_stat_statements.
 */
function countJobFetches(): { count: number } {
  const counter = { count: 0 };
  const query = pgDriver.Client.prototype.query as (...args: unknown[]) => unknown;
  pgDriver.Client.prototype.query = function (this: pgDriver.Client, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text?.includes("ollio-generate-fetch")) counter.count++;
    return query.apply(this, args);
  } as typeof pgDriver.Client.prototype.query;
  return counter;
}

async function sequential(db: Db, sendPrompt: SendPrompt, model: Model, jobs: Jobs, enqueuedAt: Map<string, number>) {

  const auth = await benchTeam(db, "Bench");
  const projects = await Promise.all(
    Array.from({ length: RUNS + WARMUP }, (_, i) => db.project.create({ data: { teamId: auth.teamId, createdById: auth.userId, name: `Bench ${i}` } })),
  );

  const samples = { sendPrompt: [] as number[], enqueueToStart: [] as number[], promptToFragment: [] as number[] };
  for (const [i, project] of projects.entries()) {
    // Let the previous run's tail (sandbox teardown, job completion) finish: each prompt is timed alone.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const startedWall = Date.now();
    const sent = await sendPrompt(db, { auth, projectId: project.id, content: `Benchmark page ${i}` }, { model, jobs });
    const sendMs = performance.now() - started;
    const run = await waitForRun(db, sent.runId);
    if (run.status !== "SUCCEEDED") throw new Error(`Run ${i} ended ${run.status}: ${run.error}`);
    if (i < WARMUP) continue;
    samples.sendPrompt.push(sendMs);
    samples.enqueueToStart.push(run.startedAt!.getTime() - enqueuedAt.get(sent.runId)!);
    samples.promptToFragment.push(run.finishedAt!.getTime() - startedWall);
  }

  console.log(`\nGeneration latency over ${RUNS} prompts (after ${WARMUP} warm-up), ${os.cpus().length} cores, Node ${process.version}, page check ${PAGE_CHECK ? "on" : "off"}`);
  console.log(row("metric", "p50", "p95", "max", "target", ""));
  for (const [name, values] of Object.entries(samples) as [keyof typeof samples, number[]][]) {
    const p50 = percentile(values, 50);
    const p95 = percentile(values, 95);
    console.log(row(name, ms(p50), ms(p95), ms(Math.max(...values)), `≤${TARGETS[name]} ms`, p95 <= TARGETS[name] ? "met" : p50 <= TARGETS[name] ? "p50 only" : "missed"));
  }
}

async function waitForRun(db: Db, runId: string) {
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (run.status === "SUCCEEDED" || run.status === "FAILED" || run.status === "CANCELLED") return run;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function row(...cells: string[]): string {
  const widths = [20, 11, 11, 11, 10, 10];
  return cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(" ");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
