/**
 * `npm run bench:scale-out -- [N] [--rounds R] [--page-check]` — does a burst finish faster with
 * two app processes than with one?
 *
 * Its own embedded Postgres (temp dir), a zero-latency scripted model in this process, the real
 * bubblewrap sandbox. Each round starts K worker processes (tests/generation/support/app-process.ts:
 * the real background services — local job worker at JOBS_CONCURRENCY, sweeper — as separate OS
 * processes against the one Postgres), warms them up, then sends N prompts (default 40, 8 in flight,
 * each from its own team so the per-team share never binds) and waits for every run. Rounds
 * alternate one, two, one, two… (R rounds of each, default 2).
 *
 * Prints per round: wall time (first send → last run saved), runs/s, per-run p50/p95 (send →
 * saved), and where the CPU went in that window: each worker's own time and its sandbox children
 * (mount, cp, rm, bwrap…), Postgres (server and backends), this process (sends, polling, the
 * scripted model), and the machine's busy time not ours (other work on a shared machine). Then
 * the ratio of runs/s, two over one. The page check is off unless --page-check (each run then
 * also loads the page in Chromium inside the sandbox).
 */
import os from "node:os";
import pLimit from "p-limit";
import { machineCpuMs, treeCpuMs, findPid, type ProcessCpu } from "./support/proc-cpu";
import { benchTeam, ms, percentile, startBenchPostgres } from "./support/bench-setup";
import { startScriptedOpenAI } from "../../tests/support/scripted-openai";
import { scriptPageAuthor } from "../../tests/generation/support/page-author-script";
import { startAppProcess, type AppProcess } from "../../tests/generation/support/app-processes";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const ROUNDS = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 2;
const N = Number(args.find((a, i) => /^\d+$/.test(a) && i !== roundsAt + 1) ?? 40);
if (!(ROUNDS >= 1) || !(N >= 1)) throw new Error("Usage: npm run bench:scale-out -- [N] [--rounds R] [--page-check]");
const PAGE_CHECK = args.includes("--page-check");
const WARMUP = 3;

type RoundResult = {
  workers: number;
  wallMs: number;
  runsPerSecond: number;
  p50: number;
  p95: number;
  failed: number;
  cpu: { workersSelf: number[]; workersChildren: number[]; postgres: number; driver: number; machineBusy: number; machineTotal: number };
};

async function main() {
  const pg = await startBenchPostgres();
  const postmaster = findPid(pg.dataDir);
  if (!postmaster) throw new Error(`No Postgres process found for ${pg.dataDir}`);
  const model = await startScriptedOpenAI();
  scriptPageAuthor(model);
  process.env.OPENAI_BASE_URL = model.baseUrl;
  process.env.OPENAI_MODEL = model.model.model;

  const { db } = await import("../../src/lib/db/client");
  const { sendPrompt } = await import("../../src/modules/generation/server/send-prompt");
  const { createLocalJobs } = await import("../../src/modules/jobs/server/local/local-jobs");
  const { stopBoss } = await import("../../src/modules/jobs/server/local/boss");
  const jobs = createLocalJobs(pg.url);
  const sendDeps = { model: model.model, jobs };

  type Run = { id: string; status: string; finishedAt: Date | null; error: string | null };
  const waitForRuns = async (runIds: string[]): Promise<Run[]> => {
    for (;;) {
      const runs = await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true, finishedAt: true, error: true } });
      if (runs.every((r) => r.status !== "QUEUED" && r.status !== "RUNNING")) return runs;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const newProjects = async (count: number, label: string) =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const auth = await benchTeam(db, `${label} ${i}`);
        const project = await db.project.create({ data: { teamId: auth.teamId, createdById: auth.userId, name: `${label} ${i}` } });
        return { auth, projectId: project.id };
      }),
    );

  const round = async (index: number, workers: number): Promise<RoundResult> => {
    const apps: AppProcess[] = await Promise.all(
      Array.from({ length: workers }, (_, i) => startAppProcess(`worker-${i + 1}`, { settings: { pageCheck: PAGE_CHECK, heartbeatMs: 5_000 } })),
    );
    try {
      // A long-running server has long loaded and compiled its code paths: so do these, in every process.
      const warm = await newProjects(WARMUP * workers, `Warm-up ${index}`);
      await waitForRuns(
        await Promise.all(warm.map(async ({ auth, projectId }, i) => (await sendPrompt(db, { auth, projectId, content: `Warm-up page [warm-${i}]` }, sendDeps)).runId)),
      );
      const senders = await newProjects(N, `Round ${index}`);

      const before = await cpuSnapshot(apps, postmaster);
      const started = Date.now();
      // 8 sends in flight: each is one short transaction; 40 at once would wait past Prisma's 2 s
      // for a connection from this process's pool (10) on a loaded machine.
      const sending = pLimit(8);
      const sent = await Promise.all(
        senders.map(({ auth, projectId }, i) =>
          sending(async () => {
            const at = Date.now();
            const { runId } = await sendPrompt(db, { auth, projectId, content: `Burst page [burst-${i}]` }, sendDeps);
            return { runId, at };
          }),
        ),
      );
      const runs = await waitForRuns(sent.map((s) => s.runId));
      const after = await cpuSnapshot(apps, postmaster);

      const finished = new Map(runs.map((r) => [r.id, r]));
      const latencies = sent.map((s) => finished.get(s.runId)!.finishedAt!.getTime() - s.at);
      const wallMs = Math.max(...runs.map((r) => r.finishedAt!.getTime())) - started;
      const failed = runs.filter((r) => r.status !== "SUCCEEDED");
      for (const run of failed.slice(0, 3)) console.log(`  failed: ${run.status} ${run.error}`);
      return {
        workers,
        wallMs,
        runsPerSecond: (N / wallMs) * 1000,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        failed: failed.length,
        cpu: {
          workersSelf: after.workers.map((w, i) => w.selfMs - before.workers[i]!.selfMs),
          workersChildren: after.workers.map((w, i) => w.childrenMs - before.workers[i]!.childrenMs),
          postgres: after.postgres - before.postgres,
          driver: after.driver - before.driver,
          machineBusy: after.machine.busyMs - before.machine.busyMs,
          machineTotal: after.machine.totalMs - before.machine.totalMs,
        },
      };
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }
  };

  const cores = os.cpus().length;
  console.log(
    `\nScale-out burst: ${N} prompts (8 sends in flight), one team each, JOBS_CONCURRENCY ${process.env.JOBS_CONCURRENCY ?? 8} per process, page check ${PAGE_CHECK ? "on" : "off"}; ${cores} cores, Node ${process.version}, load average ${loadavg()} at start`,
  );
  const results: RoundResult[] = [];
  for (let i = 0; i < ROUNDS * 2; i++) {
    const result = await round(i, i % 2 === 0 ? 1 : 2);
    results.push(result);
    printRound(result);
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    const mid = sorted.length / 2;
    return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
  };
  const rate = (workers: number) => median(results.filter((r) => r.workers === workers).map((r) => r.runsPerSecond));
  const [one, two] = [rate(1), rate(2)];
  console.log(
    `\nruns/s, median of ${ROUNDS} rounds each: one process ${one.toFixed(2)}, two processes ${two.toFixed(2)} — two/one ${(two / one).toFixed(2)}× (target ≥ 1.70×); load average ${loadavg()} at end`,
  );
  const busyShare = (r: RoundResult) => r.cpu.machineBusy / r.cpu.machineTotal;
  console.log(
    `machine busy during the bursts (all of it, ours and others'): one process ${pct(median(results.filter((r) => r.workers === 1).map(busyShare)))}, two processes ${pct(median(results.filter((r) => r.workers === 2).map(busyShare)))} of ${cores} cores`,
  );

  // What the CPU alone allows, from the CPU each run cost: the whole machine given to this burst,
  // and one worker process (its JavaScript runs on one thread; the rest — sandbox, Postgres,
  // driver — can use the other cores).
  const perRun = (pick: (r: RoundResult) => number) => median(results.map(pick)) / N;
  const workerMs = perRun((r) => sum(r.cpu.workersSelf));
  const allMs = perRun((r) => sum(r.cpu.workersSelf) + sum(r.cpu.workersChildren) + r.cpu.postgres + r.cpu.driver);
  const machineCeiling = (cores * 1000) / allMs;
  const oneProcessCeiling = Math.min(machineCeiling, 1000 / workerMs);
  const twoProcessCeiling = Math.min(machineCeiling, 2000 / workerMs);
  console.log(
    `CPU per run: ${allMs.toFixed(0)} ms in all (worker processes ${workerMs.toFixed(0)} ms). Ceilings on this machine if the burst had every core: ` +
      `${machineCeiling.toFixed(1)} runs/s for the machine, ${oneProcessCeiling.toFixed(1)} with one process (one JavaScript thread), ${twoProcessCeiling.toFixed(1)} with two ` +
      `— at most ${(twoProcessCeiling / oneProcessCeiling).toFixed(2)}× from a second process here; beyond that, more cores or machines.`,
  );
  const othersShare = median(results.map((r) => othersMs(r) / r.cpu.machineTotal));
  if (othersShare > 0.1) {
    console.log(
      `Other work used ${pct(othersShare)} of the machine during the bursts: the ratio then also counts the larger share of a contended CPU that two processes win from it. Re-run on a quiet machine for the figure that counts.`,
    );
  }

  await stopBoss(pg.url);
  await model.close();
  await db.$disconnect();
  await pg.stop();
}

async function cpuSnapshot(apps: AppProcess[], postmaster: number) {
  const workers = await Promise.all(apps.map((app) => app.request<ProcessCpu>({ type: "cpu" })));
  const self = process.cpuUsage();
  return { workers, postgres: treeCpuMs(postmaster), driver: (self.user + self.system) / 1000, machine: machineCpuMs() };
}

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/** Busy CPU of the machine in the window that was not this bench's processes. */
function othersMs(r: RoundResult) {
  return Math.max(0, r.cpu.machineBusy - (sum(r.cpu.workersSelf) + sum(r.cpu.workersChildren) + r.cpu.postgres + r.cpu.driver));
}

function printRound(r: RoundResult) {
  const perRun = (value: number) => `${(value / N).toFixed(0)} ms/run`;
  const workers = r.cpu.workersSelf.map((self, i) => `${(self / 1000).toFixed(1)} s + sandbox ${(r.cpu.workersChildren[i]! / 1000).toFixed(1)} s`).join(" | ");
  console.log(
    `\n${r.workers === 1 ? "one process " : "two processes"}: wall ${ms(r.wallMs)}, ${r.runsPerSecond.toFixed(2)} runs/s, per-run p50 ${ms(r.p50)}, p95 ${ms(r.p95)}${r.failed ? `, ${r.failed} NOT SUCCEEDED` : ""}`,
  );
  console.log(
    `  CPU in the window (${(r.wallMs / 1000).toFixed(1)} s × ${os.cpus().length} cores = ${(r.cpu.machineTotal / 1000).toFixed(1)} s): worker ${workers}; ` +
      `Postgres ${(r.cpu.postgres / 1000).toFixed(1)} s; driver + model ${(r.cpu.driver / 1000).toFixed(1)} s; ` +
      `others on the machine ${(othersMs(r) / 1000).toFixed(1)} s; idle ${((r.cpu.machineTotal - r.cpu.machineBusy) / 1000).toFixed(1)} s`,
  );
  console.log(
    `  per run: workers ${perRun(sum(r.cpu.workersSelf))} + sandbox ${perRun(sum(r.cpu.workersChildren))}, Postgres ${perRun(r.cpu.postgres)}, driver ${perRun(r.cpu.driver)}`,
  );
}

function loadavg() {
  return os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(" ");
}

function pct(share: number) {
  return `${(share * 100).toFixed(0)} %`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
