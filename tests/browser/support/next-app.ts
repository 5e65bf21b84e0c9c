import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, rmdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/free-port";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export type NextApp = {
  url: string;
  /** `next start`'s pid: also its process group's id (it runs detached), for CPU figures. */
  pid: number;
  previewOrigin: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * `next build` of this checkout. Measured on 2 cores: a cold build takes ~40–60 s, after which
 * every route answers at once; `next dev` is ready in ~16 s but compiles each route (~2–5 s) and
 * its client chunks on first visit, so it saves ~20 s at the price of a flakier, unrealistic app
 * — and the latency bench needs the production build anyway.
 */
export type AppEnv = Record<string, string | undefined>;

export async function buildNextApp(env: AppEnv = {}): Promise<void> {
  const child = spawn(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    // The build imports route modules; env validation happens again when the server starts.
    env: { ...process.env, ...env, NODE_ENV: "production", SKIP_ENV_VALIDATION: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output().slice(-6000)}`);
}

/**
 * `next build` once per test run, however many browser test files need it: they run in parallel
 * processes, and two builds into the same .next would break each other. A lock directory makes
 * them take turns; whoever comes second finds a build newer than the test run's start (the
 * sources do not change during a run) and reuses it — the run's, not its worker's: a worker forked
 * after the first build finished would otherwise build again. OLLIO_TEST_SKIP_BUILD=1 reuses any
 * existing build. Outside vitest (benches) the process's start stands in for the run's.
 */
export async function buildNextAppOnce(env: AppEnv = {}): Promise<void> {
  if (process.env.OLLIO_TEST_SKIP_BUILD === "1") return;
  const startedAt = await testRunStartedAt();
  const lock = path.join(os.tmpdir(), `ollio-next-build-${createHash("sha256").update(ROOT).digest("hex").slice(0, 12)}.lock`);
  await acquireLock(lock);
  try {
    const builtAt = await stat(path.join(ROOT, ".next/BUILD_ID")).then((s) => s.mtimeMs, () => 0);
    if (builtAt > startedAt) return;
    await buildNextApp(env);
  } finally {
    await rmdir(lock).catch(() => {});
  }
}

async function testRunStartedAt(): Promise<number> {
  const processStartedAt = Date.now() - process.uptime() * 1000;
  if (!process.env.VITEST) return processStartedAt;
  const { inject } = await import("vitest");
  return inject("testRunStartedAt") ?? processStartedAt;
}

async function acquireLock(lock: string, staleMs = 15 * 60_000) {
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A build that died without unlocking: take the lock over after a build's worst case.
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > staleMs) await rmdir(lock).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * `next start` on free ports (app and preview server), in its own process group so stop() ends
 * Next and everything it spawned. Resolves once both the app and the preview server answer.
 */
export async function startNextApp(env: AppEnv, { timeoutMs = 60_000 } = {}): Promise<NextApp> {
  const [port, previewPort] = [await freePort(), await freePort()];
  const url = `http://localhost:${port}`;
  const previewOrigin = `http://localhost:${previewPort}`;
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      APP_URL: url,
      PREVIEW_PORT: String(previewPort),
      PREVIEW_ORIGIN: previewOrigin,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = collect(child);
  const app: NextApp = { url, pid: child.pid!, previewOrigin, output, stop: () => stopProcessGroup(child) };

  try {
    await waitUntil(async () => (await fetch(`${url}/sign-in`)).ok, child, timeoutMs, "the app");
    // Any answer (a 404 for "/") means the preview server is listening.
    await waitUntil(async () => Boolean(await fetch(`${previewOrigin}/`)), child, timeoutMs, "the preview server");
  } catch (error) {
    await app.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output().slice(-6000)}`);
  }
  return app;
}

function collect(child: ChildProcess): () => string {
  let text = "";
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > 200_000) text = text.slice(-100_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => text;
}

async function waitUntil(check: () => Promise<boolean>, child: ChildProcess, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (code ${child.exitCode}) before ${what} answered`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SIGTERM to the whole group, SIGKILL if it lingers. */
async function stopProcessGroup(child: ChildProcess, graceMs = 5_000) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  signal("SIGKILL"); // Stragglers the group leader left behind.
}
