/**
 * Server CPU of one poll of the project view, against its own embedded Postgres: a project with a
 * RUNNING run and a 40-message conversation with versions.
 *
 * In process: the real tRPC fetch handler (the one src/app/api/trpc/[trpc]/route.ts serves) and
 * the real /api/poll route handler, with a real session cookie; CPU is this process's
 * (process.cpuUsage), so Postgres's own work is not in it.
 * Over HTTP (skip with --no-http): `next start` of the checkout's build (--build builds first),
 * the old path (tRPC runs.poll through the proxy) beside the new one (/api/poll/<projectId>), and
 * a bare node:http server doing the same session lookup + SQL (the floor without Next). CPU is the
 * server's whole process group from /proc (user + system) over batches of sequential polls — the
 * kernel counts in 10 ms ticks — with the variants' batches interleaved, so a busy machine slows
 * them alike; p50/p95 are over batches.
 *
 * Run: npm run bench:poll -- [--build] [--no-http] [--polls=N] [--batches=N] [--probe=/path ...]
 *      (--probe adds any GET path to the HTTP table; {projectId} is replaced)
 * `--conditions=react-server` (in the npm script) is what Next resolves server code with.
 * Target: ≤ 3 ms server CPU p50 per poll over HTTP.
 */
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { buildNextApp, ROOT, startNextApp } from "../../tests/browser/support/next-app";
import { startBenchPostgres } from "./support/bench-setup";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const POLLS = Number(option("polls") ?? 400);
const BATCH = 100;
const BATCHES = Number(option("batches") ?? 12);
const WARMUP = 50;
const probes = args.filter((a) => a.startsWith("--probe=")).map((a) => a.slice("--probe=".length));

const pg = await startBenchPostgres();
const cleanups: (() => Promise<unknown>)[] = [() => pg.stop()];
try {
  process.env.SKIP_ENV_VALIDATION ??= "1";
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.PREVIEW_ORIGIN ??= "http://localhost:3001";
  if (args.includes("--build")) await buildNextApp({ DATABASE_URL: pg.url });

  // App modules read env when first imported, so they load only now.
  const { fetchRequestHandler } = await import("@trpc/server/adapters/fetch");
  const { NextRequest } = await import("next/server");
  const { db } = await import("../../src/lib/db/client");
  const { createSession, authFromSessionToken } = await import("../../src/modules/auth/server/sessions");
  const { appRouter } = await import("../../src/trpc/routers/_app");
  const pollRoute = await import("../../src/app/api/poll/[projectId]/route");
  const { POLL_WITHOUT_PROXY_HEADER } = await import("../../src/modules/generation/ui/fetch-poll");
  cleanups.unshift(() => db.$disconnect());

  // A user, their team, a project mid-generation with a conversation of 20 prompts and results.
  const user = await db.user.create({ data: { email: "bench@example.test", name: "Bench" } });
  const team = await db.team.create({ data: { name: "Bench", personal: true, memberships: { create: { userId: user.id, role: "OWNER" } } } });
  const project = await db.project.create({ data: { name: "Polled", teamId: team.id, createdById: user.id } });
  for (let i = 0; i < 20; i++) {
    const prompt = await db.message.create({ data: { projectId: project.id, role: "USER", content: `Prompt ${i}` } });
    const last = i === 19;
    await db.run.create({
      data: {
        projectId: project.id,
        teamId: team.id,
        createdById: user.id,
        userMessageId: prompt.id,
        status: last ? "RUNNING" : "SUCCEEDED",
        progress: last ? Array.from({ length: 12 }, (_, n) => ({ at: new Date().toISOString(), kind: "tool", detail: `step ${n}` })) : [],
      },
    });
    if (last) break;
    const answer = await db.message.create({ data: { projectId: project.id, role: "ASSISTANT", content: `Built version ${i}.` } });
    await db.fragment.create({ data: { messageId: answer.id, projectId: project.id, number: i + 1, title: `v${i}`, files: { "index.html": "<h1>Hi</h1>" } } });
  }
  const { token } = await createSession(user.id);
  const cookie = `ollio_session=${token}`;
  const trpcPath = (procedure: string) =>
    `/api/trpc/${procedure}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { projectId: project.id } } }))}`;
  const pollPath = `/api/poll/${project.id}`;

  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
  const ms = (n: number) => n.toFixed(2).padStart(5);

  // --- In process -------------------------------------------------------------------------
  /** One poll as the browser's httpBatchLink sends it, answered by the route's fetch handler. */
  async function trpcInProcess(procedure: string): Promise<void> {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(`http://localhost${trpcPath(procedure)}`, { headers: { cookie } }),
      router: appRouter,
      // What createRequestContext does, minus Next's cookies(): the same session lookup.
      createContext: async () => ({ db, auth: await authFromSessionToken(token) }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${procedure} answered ${res.status}: ${body.slice(0, 300)}`);
  }
  async function routeInProcess(): Promise<void> {
    const res = await pollRoute.GET(new NextRequest(`http://localhost${pollPath}`, { headers: { cookie } }), {
      params: Promise.resolve({ projectId: project.id }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`/api/poll answered ${res.status}: ${body.slice(0, 300)}`);
  }
  const inProcess: [string, () => Promise<void>][] = [
    ["tRPC runs.poll", () => trpcInProcess("runs.poll")],
    ["route /api/poll", routeInProcess],
    ["tRPC runs.active", () => trpcInProcess("runs.active")],
    ["tRPC messages.list", () => trpcInProcess("messages.list")],
  ];
  // All warmed up first, then measured in turns, so JIT warm-up and a busy machine favour none.
  for (const [, poll] of inProcess) for (let i = 0; i < WARMUP; i++) await poll();
  const inProcessCpu = inProcess.map(() => [] as number[]);
  for (let i = 0; i < POLLS; i++) {
    for (const [n, [, poll]] of inProcess.entries()) {
      const started = process.cpuUsage();
      await poll();
      const used = process.cpuUsage(started);
      inProcessCpu[n]!.push((used.user + used.system) / 1000);
    }
  }
  console.log(`In process: CPU per poll (${POLLS} sequential each, in turns, after ${WARMUP} warm-up; the handler only, no HTTP):`);
  for (const [n, [label]] of inProcess.entries()) {
    console.log(`  ${label.padEnd(44)} p50 ${ms(pct(inProcessCpu[n]!, 50))} ms  p95 ${ms(pct(inProcessCpu[n]!, 95))} ms`);
  }

  // --- Over HTTP --------------------------------------------------------------------------
  if (!args.includes("--no-http")) {
    // Validated env, as in production: the SKIP_ENV_VALIDATION this process runs with stays here.
    const app = await startNextApp({ DATABASE_URL: pg.url, SKIP_ENV_VALIDATION: undefined });
    cleanups.unshift(() => app.stop());
    const bare = await startNodeHttpPoll(pg.url);
    cleanups.unshift(bare.stop);

    const variants = [
      { label: "old: tRPC runs.poll (/api/trpc, via proxy)", url: `${app.url}${trpcPath("runs.poll")}`, group: app.pid },
      // As a build without Clerk sends it (the proxy skips it), and as a build with Clerk does.
      { label: "new: route /api/poll/<projectId>", url: `${app.url}${pollPath}`, group: app.pid, headers: { [POLL_WITHOUT_PROXY_HEADER.name]: POLL_WITHOUT_PROXY_HEADER.value } },
      { label: "new, via proxy (a build with Clerk)", url: `${app.url}${pollPath}`, group: app.pid },
      ...probes.map((probe) => ({ label: `probe ${probe.split("?")[0]}`, url: `${app.url}${probe.replaceAll("{projectId}", project.id)}`, group: app.pid })),
      { label: "floor: node:http, same auth + SQL, no Next", url: `${bare.url}${pollPath}`, group: bare.pid },
    ].map((v) => ({ headers: {}, ...v, perPoll: [] as number[], wall: 0 }));

    const get = async (url: string, headers: Record<string, string>) => {
      const res = await fetch(url, { headers: { cookie, ...headers } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
    };
    for (const v of variants) for (let i = 0; i < WARMUP; i++) await get(v.url, v.headers);
    const idleBefore = await groupCpuMs(app.pid);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idlePerSecond = ((await groupCpuMs(app.pid)) - idleBefore) / 2;

    for (let batch = 0; batch < BATCHES; batch++) {
      for (const v of variants) {
        const before = await groupCpuMs(v.group);
        const started = performance.now();
        for (let i = 0; i < BATCH; i++) await get(v.url, v.headers);
        v.wall += performance.now() - started;
        v.perPoll.push(((await groupCpuMs(v.group)) - before) / BATCH);
      }
    }
    console.log(
      `Over HTTP: server CPU per poll (${BATCHES} interleaved batches of ${BATCH} sequential polls; next start idles at ${idlePerSecond.toFixed(1)} ms CPU/s):`,
    );
    for (const v of variants) {
      console.log(
        `  ${v.label.padEnd(44)} p50 ${ms(pct(v.perPoll, 50))} ms  p95 ${ms(pct(v.perPoll, 95))} ms   wall ${ms(v.wall / (BATCHES * BATCH))} ms/poll`,
      );
    }
  }
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
}

/** The bare node:http poll server (support/poll-node-http.ts) in its own process group. */
async function startNodeHttpPoll(databaseUrl: string) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "support/poll-node-http.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", SKIP_ENV_VALIDATION: "1" },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`poll-node-http exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}

/** CPU (user + system, ms) of every process in the process group `group`, from /proc. */
async function groupCpuMs(group: number): Promise<number> {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
      if (Number(fields[2]) !== group) continue; // pgrp
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}
