import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../../src/lib/db/embedded-postgres";
import { applyMigrations } from "../../../src/lib/db/migrations";

/**
 * A bench's own embedded Postgres, migrated, in a fresh temp directory; DATABASE_URL and (unless
 * set) SANDBOX_ROOT point into it. Import app modules only after this: they read env on import.
 */
export async function startBenchPostgres() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-bench-"));
  await chmod(dir, 0o755); // embedded Postgres runs as `postgres` under root
  const dataDir = path.join(dir, "pg");
  const pg = await startEmbeddedPostgres({ dir: dataDir });
  await applyMigrations(pg.url);
  process.env.DATABASE_URL = pg.url;
  process.env.SANDBOX_ROOT ??= path.join(dir, "sandboxes");
  return {
    url: pg.url,
    dataDir,
    async stop() {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

type Db = import("../../../src/lib/db/client").Db;

/** A PRO team with one owner; its auth context for sendPrompt. */
export async function benchTeam(db: Db, name: string) {
  const user = await db.user.create({ data: { email: `${name.toLowerCase().replace(/\W+/g, "-")}@example.test`, name } });
  const team = await db.team.create({ data: { name, plan: "PRO" } });
  await db.membership.create({ data: { teamId: team.id, userId: user.id, role: "OWNER" } });
  return { userId: user.id, teamId: team.id, role: "OWNER" as const };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
