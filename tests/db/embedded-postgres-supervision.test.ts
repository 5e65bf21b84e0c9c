import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { MAX_RESTARTS, spawnEmbeddedPostgres } from "../../scripts/embedded-postgres-process";

// Before: if the embedded Postgres died, the app answered 500 for ever and shutdown could hang.

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** SIGKILL of the postmaster: the way an OOM killer or a crash ends it. */
async function killPostmaster(dataDir: string): Promise<number> {
  const pid = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  process.kill(pid, "SIGKILL");
  return pid;
}

it("restarts a Postgres that died, keeping the same URL, and gives up with a clear message after repeated deaths", async () => {
  const parent = await mkdtemp(path.join(os.tmpdir(), "ollio-pg-supervise-"));
  await chmod(parent, 0o755);
  dirs.push(parent);
  const dataDir = path.join(parent, "postgres");
  const db = await spawnEmbeddedPostgres(dataDir);
  let failure: string | null = null;
  void db.failed.then((reason) => (failure = reason));
  expect(await answers(db.url)).toBe(true);

  const first = await killPostmaster(dataDir);
  expect(await waitFor(async () => !(await answers(db.url)), 5_000)).toBe(true);
  expect(await waitFor(() => answers(db.url), 20_000)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0])).not.toBe(first);
  expect(failure).toBeNull();

  // Dies again and again: after MAX_RESTARTS within a minute the supervisor stops trying.
  for (let death = 2; ; death++) {
    await killPostmaster(dataDir);
    if (death > MAX_RESTARTS) break;
    expect(await waitFor(() => answers(db.url), 20_000)).toBe(true);
    // It answers as soon as it accepts connections; let the supervisor finish its start-up first.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  expect(await waitFor(async () => failure !== null, 10_000)).toBe(true);
  expect(failure).toMatch(/Postgres stopped 4 times within a minute .*Ollio is shutting down/);
  // Stopping after the database is gone returns instead of hanging.
  const stopped = await Promise.race([db.stop().then(() => "stopped"), new Promise((r) => setTimeout(() => r("hung"), 5_000))]);
  expect(stopped).toBe("stopped");
}, 120_000);
