/**
 * `npm run dev` / `npm start`: everything Ollio needs, in one process tree.
 * - No DATABASE_URL: starts embedded Postgres under .data/postgres (data kept between runs).
 * - Applies migrations (idempotent, serialised across instances), then runs `next dev` or
 *   `next build` (once per checkout, under a lock other instances of it wait on) + `next start`.
 * - Ctrl-C (or SIGTERM) stops Next, waits for it to exit, then stops Postgres.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../src/lib/db/migrations";
import { publicOrigins } from "../src/lib/public-origins";
import { buildFingerprint, lastBuildFingerprint, recordBuildFingerprint } from "./build-fingerprint";
import { withBuildLock } from "./build-lock";
import { spawnEmbeddedPostgres, type EmbeddedPostgresProcess } from "./embedded-postgres-process";

const mode = process.argv[2] === "start" ? "start" : "dev";
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
// Next types NODE_ENV as read-only; this script is what decides it for the server it starts.
if (mode === "start") Object.assign(process.env, { NODE_ENV: "production" });
Object.assign(process.env, publicOrigins(process.env));

let embedded: EmbeddedPostgresProcess | null = null;
let shuttingDown = false;
let exitCode: number | null = null;

async function main() {
  if (!process.env.DATABASE_URL) {
    console.log("[ollio] DATABASE_URL not set: starting embedded Postgres in .data/postgres");
    embedded = await spawnEmbeddedPostgres(path.join(root, ".data/postgres"));
    process.env.DATABASE_URL = embedded.url;
  }
  const { applied } = await applyMigrations(process.env.DATABASE_URL, {
    dir: path.join(root, "prisma/migrations"),
    log: (line) => console.log(`[ollio] ${line}`),
  });
  if (applied.length === 0) console.log("[ollio] database schema is up to date");

  if (mode === "start") {
    const fingerprint = buildFingerprint(root);
    const isBuilt = () => existsSync(path.join(root, ".next/BUILD_ID")) && lastBuildFingerprint(root) === fingerprint;
    // Checked again under the lock: another instance of this checkout may have just built it.
    const status = isBuilt()
      ? 0
      : await withBuildLock(process.env.DATABASE_URL, root, () => {
          if (isBuilt()) return 0;
          console.log("[ollio] building for production (once; again only when the sources change)");
          const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: process.env });
          if (build.status === 0) recordBuildFingerprint(root, fingerprint);
          return build.status ?? 1;
        });
    if (status !== 0) return shutdown(status);
  }

  // Loopback unless HOST says otherwise: a fresh install is not reachable from the network.
  const host = process.env.HOST || "127.0.0.1";
  const port = process.env.PORT || "3000";
  console.log(
    `[ollio] serving ${mode === "start" ? "production" : "development"} at ${process.env.APP_URL} (previews at ${process.env.PREVIEW_ORIGIN}; listening on ${host}:${port})`,
  );
  // Next runs in its own process group: `next` forks its server, and Postgres must outlive both.
  const next = spawn(process.execPath, [nextBin, mode, "--hostname", host, "--port", port, ...process.argv.slice(3)], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
    detached: true,
  });
  const group = -next.pid!;
  next.on("exit", async (code) => {
    await waitForGroupExit(group);
    await shutdown(exitCode ?? code ?? 0);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => signalGroup(group, signal));
  }
  // Postgres gone for good (the database process gave up restarting it): stop everything.
  void embedded?.failed.then((reason) => {
    console.error(`[ollio] ${reason}`);
    exitCode = 1;
    signalGroup(group, "SIGTERM");
  });
}

function signalGroup(group: number, signal: NodeJS.Signals | 0) {
  try {
    process.kill(group, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** Waits for Next's server processes to close their connections and exit (SIGKILL after 10 s). */
async function waitForGroupExit(group: number) {
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (!signalGroup(group, 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalGroup(group, "SIGKILL");
}

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (embedded) {
    console.log("[ollio] stopping embedded Postgres");
    await embedded.stop().catch((e) => console.error("[ollio] could not stop Postgres:", e));
  }
  process.exit(code);
}

main().catch(async (error) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[ollio] start-up failed: ${message}`);
  if (message.includes('lock file "postmaster.pid" already exists')) {
    // The embedded Postgres serves one instance; several share a Postgres of their own (docs/deploy.md).
    console.error("[ollio] another Ollio is already running on .data/postgres: to run a second instance, give every instance the same DATABASE_URL of a Postgres you run (docs/deploy.md).");
  }
  await shutdown(1);
});
