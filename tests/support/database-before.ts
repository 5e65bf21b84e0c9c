import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrations";
import { createTestDatabase } from "./databases";

/**
 * A throw-away database as it was before `migration`: every migration up to, not including, it
 * applied — for inserting rows in the old shape, then applying the rest with applyMigrations().
 * `sql` is a client on it; `drop` ends that client and drops the database.
 */
export async function databaseBefore(adminUrl: string, migration: string) {
  const database = await createTestDatabase(adminUrl);
  const earlier = await mkdtemp(path.join(os.tmpdir(), "ollio-migrations-"));
  try {
    for (const { name } of await readMigrations()) {
      if (name < migration) await cp(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(earlier, name), { recursive: true });
    }
    await cp(path.join(DEFAULT_MIGRATIONS_DIR, "migration_lock.toml"), path.join(earlier, "migration_lock.toml")).catch(() => {});
    await applyMigrations(database.url, { dir: earlier });
  } catch (error) {
    await database.drop();
    throw error;
  } finally {
    await rm(earlier, { recursive: true, force: true });
  }
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  return {
    url: database.url,
    sql,
    async drop() {
      await sql.end();
      await database.drop();
    },
  };
}
