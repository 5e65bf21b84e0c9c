import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

/**
 * Where the test Postgres comes from, in order: TEST_DATABASE_URL (needs CREATEDB), a
 * testcontainers container when a Docker engine answers, else embedded-postgres in a temp dir.
 */
export type TestPostgres = { source: string; adminUrl: string; stop: () => Promise<void> };

export async function provisionTestPostgres(): Promise<TestPostgres> {
  if (process.env.TEST_DATABASE_URL) {
    return { source: "TEST_DATABASE_URL", adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  }
  const container = await tryTestcontainers();
  if (container) return container;

  const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-test-pg-"));
  // Embedded Postgres runs as the `postgres` user when we are root: it must be able to enter the dir.
  await import("node:fs/promises").then((fs) => fs.chmod(dir, 0o755));
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "data") });
  return {
    source: "embedded-postgres",
    adminUrl: pg.adminUrl,
    stop: async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function tryTestcontainers(): Promise<TestPostgres | null> {
  try {
    const { getContainerRuntimeClient } = await import("testcontainers");
    await getContainerRuntimeClient();
  } catch {
    return null; // no Docker engine answers
  }
  const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
  const container = await new PostgreSqlContainer("postgres:17-alpine").start();
  return {
    source: "testcontainers",
    adminUrl: container.getConnectionUri(),
    stop: async () => void (await container.stop()),
  };
}
