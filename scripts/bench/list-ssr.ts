/**
 * Server render of the project lists against `next start` (a production build) with its own
 * embedded Postgres: `/projects` and `/` for a team with 1,000 projects and one with 10 (each
 * project with a version), timed from request to the last byte of HTML; plus the poll the
 * project view repeats while a run works, over HTTP, with the CPU of the Next processes (from
 * /proc, so per batch of polls: the kernel counts in 10 ms ticks). --poll-only skips the lists.
 *
 * Run: npx tsx scripts/bench/list-ssr.ts [--build] [--requests=N] [--polls=N]
 *      (--build runs `next build` first; otherwise the checkout's .next is used)
 * Target: /projects with 1,000 projects ≤ 40 ms SSR p50.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile, readlink } from "node:fs/promises";
import { buildNextApp, ROOT, startNextApp } from "../../tests/browser/support/next-app";
import { startBenchPostgres } from "./support/bench-setup";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const REQUESTS = flag("requests", 20);
const POLLS = flag("polls", 300);
const WARMUP = 5;

const postgres = await startBenchPostgres();
const cleanups: (() => Promise<unknown>)[] = [() => postgres.stop()];
try {
  const env = { DATABASE_URL: postgres.url };
  if (args.includes("--build")) await buildNextApp(env);

  const { db } = await import("../../src/lib/db/client");
  const { createSession } = await import("../../src/modules/auth/server/sessions");
  cleanups.unshift(() => db.$disconnect());

  /** A user whose personal team has `count` projects, each with one version; a session cookie. */
  async function teamWithProjects(count: number) {
    const user = await db.user.create({ data: { email: `bench-${count}@example.test`, name: `Bench ${count}` } });
    const team = await db.team.create({ data: { name: `Bench ${count}`, personal: true, memberships: { create: { userId: user.id, role: "OWNER" } } } });
    const now = Date.now();
    const ids = Array.from({ length: count }, () => ({ project: `bp${randomBytes(10).toString("hex")}`, message: `bm${randomBytes(10).toString("hex")}` }));
    await db.project.createMany({
      data: ids.map(({ project }, i) => ({ id: project, teamId: team.id, createdById: user.id, name: `Project number ${i}`, updatedAt: new Date(now - i * 60_000) })),
    });
    await db.message.createMany({ data: ids.map(({ project, message }) => ({ id: message, projectId: project, role: "ASSISTANT" as const, content: "Built." })) });
    await db.fragment.createMany({
      data: ids.map(({ project, message }, i) => ({ messageId: message, projectId: project, number: 1, title: `Version of ${i}`, files: { "index.html": "<h1>Hi</h1>" } })),
    });
    const { token } = await createSession(user.id);
    return { cookie: `ollio_session=${token}`, userId: user.id, teamId: team.id, firstProjectId: ids[0]!.project };
  }
  const many = await teamWithProjects(1000);
  const few = await teamWithProjects(10);

  const app = await startNextApp(env);
  cleanups.unshift(() => app.stop());

  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

  console.log(`SSR, request → last byte of HTML (${REQUESTS} sequential requests after ${WARMUP} warm-up):`);
  for (const route of args.includes("--poll-only") ? [] : ["/projects", "/"]) {
    for (const [label, team] of [
      ["1,000 projects", many],
      ["10 projects", few],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const started = performance.now();
        const res = await fetch(`${app.url}${route}`, { headers: { cookie: team.cookie }, redirect: "manual" });
        const html = await res.text();
        if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
        if (i >= WARMUP) times.push(performance.now() - started);
        bytes = Buffer.byteLength(html);
      }
      console.log(`${route.padEnd(10)} ${label.padEnd(15)} p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  HTML ${(bytes / 1024).toFixed(0)} KB`);
    }
  }

  // The poll: a RUNNING run in one of the projects; runs.poll where it exists, else runs.active.
  const prompt = await db.message.create({ data: { projectId: many.firstProjectId, role: "USER", content: "A page" } });
  await db.run.create({ data: { projectId: many.firstProjectId, teamId: many.teamId, createdById: many.userId, userMessageId: prompt.id, status: "RUNNING" } });
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { projectId: many.firstProjectId } } }));
  let procedure = "runs.poll";
  const pollOnce = async () => {
    const res = await fetch(`${app.url}/api/trpc/${procedure}?batch=1&input=${input}`, { headers: { cookie: many.cookie } });
    await res.text();
    return res.status;
  };
  if ((await pollOnce()) === 404) procedure = "runs.active";
  for (let i = 0; i < 30; i++) await pollOnce();
  // The kernel counts CPU in 10 ms ticks: measured per batch of polls, then p50/p95 over batches.
  const BATCH = 25;
  const perPoll: number[] = [];
  const wallStarted = performance.now();
  for (let batch = 0; batch < Math.ceil(POLLS / BATCH); batch++) {
    const before = await processGroupCpuMs();
    for (let i = 0; i < BATCH; i++) if ((await pollOnce()) !== 200) throw new Error(`${procedure} failed`);
    perPoll.push(((await processGroupCpuMs()) - before) / BATCH);
  }
  const wallMs = (performance.now() - wallStarted) / (perPoll.length * BATCH);
  const mean = perPoll.reduce((sum, v) => sum + v, 0) / perPoll.length;
  // Floors for comparison (--floors): what Next costs per request before any of our code runs.
  for (const probe of args.includes("--floors") ? ["/favicon.svg", "/api/none", `/api/trpc/none?batch=1&input=${input}`] : []) {
    const samples: number[] = [];
    for (let batch = 0; batch < 8; batch++) {
      const before = await processGroupCpuMs();
      for (let i = 0; i < BATCH; i++) await (await fetch(`${app.url}${probe}`, { headers: { cookie: many.cookie } })).text();
      samples.push(((await processGroupCpuMs()) - before) / BATCH);
    }
    console.log(`floor ${probe.split("?")[0]}: Next CPU per request p50 ${pct(samples, 50).toFixed(2)} ms`);
  }
  console.log(
    `poll over HTTP (${procedure}, ${perPoll.length * BATCH} sequential, batches of ${BATCH}): Next CPU per poll p50 ${pct(perPoll, 50).toFixed(2)} ms, p95 ${pct(perPoll, 95).toFixed(2)} ms, mean ${mean.toFixed(2)} ms; wall ${wallMs.toFixed(2)} ms`,
  );
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
}

/** CPU (user + system) of every `next` process running from this checkout, in ms. */
async function processGroupCpuMs(): Promise<number> {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if ((await readlink(`/proc/${pid}/cwd`)) !== ROOT) continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes("next") || cmdline.includes("list-ssr")) continue;
      const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}
