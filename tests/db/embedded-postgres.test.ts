import { mkdtemp, rm, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function canConnect(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM kept");
    return rows[0]?.n ?? 0;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

it("starts a real Postgres, keeps its data across a stop and restart, and stops cleanly", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-embedded-"));
  await chmod(dir, 0o755);
  dirs.push(dir);
  const dataDir = path.join(dir, "data");

  const first = await startEmbeddedPostgres({ dir: dataDir, database: "app" });
  const client = new pg.Client({ connectionString: first.url });
  await client.connect();
  await client.query("CREATE TABLE kept (id int); INSERT INTO kept VALUES (1), (2)");
  await client.end();
  await first.stop();
  expect(await canConnect(first.url)).toBeNull();

  const second = await startEmbeddedPostgres({ dir: dataDir, database: "app" });
  expect(await canConnect(second.url)).toBe(2);
  await second.stop();
  expect(await canConnect(second.url)).toBeNull();
}, 60_000);
