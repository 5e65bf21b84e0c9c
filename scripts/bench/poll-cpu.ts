/**
 * Server CPU of one poll of the project view, through the real tRPC fetch handler (the one
 * src/app/api/trpc/[trpc]/route.ts serves) with a real session cookie's token, against its own
 * embedded Postgres: a project with a RUNNING run and a 40-message conversation with versions.
 * CPU is this process's (process.cpuUsage, user + system), so Postgres's own work is not in it.
 *
 * Run: node --conditions=react-server --import tsx scripts/bench/poll-cpu.ts [procedure ...] [--polls=N]
 *      (default procedures: runs.poll, runs.active, messages.list; target: runs.poll ≤ 3 ms p50)
 * `--conditions=react-server` is what Next resolves server code with (it makes `server-only` empty).
 */
import { chmod, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../src/lib/db/embedded-postgres";
import { applyMigrations } from "../../src/lib/db/migrations";

const args = process.argv.slice(2);
const POLLS = Number(args.find((a) => a.startsWith("--polls="))?.slice("--polls=".length) ?? 400);
const WARMUP = 50;
const requested = args.filter((a) => !a.startsWith("--"));

const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-bench-poll-"));
await chmod(dir, 0o755); // embedded Postgres runs as `postgres` under root
const pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg") });
await applyMigrations(pg.url);
process.env.DATABASE_URL = pg.url;
process.env.SKIP_ENV_VALIDATION ??= "1";
process.env.APP_URL ??= "http://localhost:3000";
process.env.PREVIEW_ORIGIN ??= "http://localhost:3001";

try {
  // App modules read env when first imported, so they load only now.
  const { fetchRequestHandler } = await import("@trpc/server/adapters/fetch");
  const { db } = await import("../../src/lib/db/client");
  const { createSession, authFromSessionToken } = await import("../../src/modules/auth/server/sessions");
  const { appRouter } = await import("../../src/trpc/routers/_app");

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

  /** One poll as the browser's httpBatchLink sends it, answered by the route's fetch handler. */
  async function poll(procedure: string): Promise<void> {
    const input = encodeURIComponent(JSON.stringify({ 0: { json: { projectId: project.id } } }));
    const req = new Request(`http://localhost/api/trpc/${procedure}?batch=1&input=${input}`, { headers: { cookie: `ollio_session=${token}` } });
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      // What createRequestContext does, minus Next's cookies(): the same session lookup.
      createContext: async () => ({ db, auth: await authFromSessionToken(token) }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${procedure} answered ${res.status}: ${body.slice(0, 300)}`);
  }

  const available = Object.keys(appRouter._def.procedures);
  const procedures = (requested.length ? requested : ["runs.poll", "runs.active", "messages.list"]).filter((p) => {
    if (available.includes(p)) return true;
    console.log(`${p}: not in this checkout's router, skipped`);
    return false;
  });

  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  console.log(`Server CPU per poll (${POLLS} sequential polls after ${WARMUP} warm-up, this process only):`);
  for (const procedure of procedures) {
    for (let i = 0; i < WARMUP; i++) await poll(procedure);
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < POLLS; i++) {
      const started = process.cpuUsage();
      const t0 = performance.now();
      await poll(procedure);
      wall.push(performance.now() - t0);
      const used = process.cpuUsage(started);
      cpu.push((used.user + used.system) / 1000);
    }
    cpu.sort((a, b) => a - b);
    wall.sort((a, b) => a - b);
    console.log(
      `${procedure.padEnd(15)} CPU p50 ${pct(cpu, 50).toFixed(2)} ms  p95 ${pct(cpu, 95).toFixed(2)} ms   wall p50 ${pct(wall, 50).toFixed(2)} ms  p95 ${pct(wall, 95).toFixed(2)} ms`,
    );
  }
  await db.$disconnect();
} finally {
  await pg.stop();
}
