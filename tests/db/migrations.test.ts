import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "@/lib/db/migrations";
import { createTestDatabase } from "../support/databases";
import { databaseFacts, diffFacts, schemaFacts } from "../support/schema-drift";
import { query } from "../support/sql";

const adminUrl = inject("pgAdminUrl");
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function emptyDatabase() {
  const database = await createTestDatabase(adminUrl);
  cleanups.push(database.drop);
  return database;
}


describe("migration applier", () => {
  it("applies every migration once and records it the way prisma migrate deploy does", async () => {
    const { url } = await emptyDatabase();
    const first = await applyMigrations(url);
    expect(first.applied.length).toBeGreaterThan(0);

    const second = await applyMigrations(url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is safe when several processes apply at the same time", async () => {
    const { url } = await emptyDatabase();
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    const rows = await query(url, `SELECT 1 FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(results.find((r) => r.applied.length)!.applied.length);
  });

  it("rolls a failing migration back and reports which one failed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-migrations-"));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    const broken = path.join(dir, "29990101000000_broken");
    await import("node:fs/promises").then((fs) => fs.mkdir(broken));
    await writeFile(path.join(broken, "migration.sql"), `CREATE TABLE "Half" (id int); SELECT no_such_function();`);

    const { url } = await emptyDatabase();
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/29990101000000_broken failed/);
    const half = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
    expect(half).toHaveLength(0);
    const recorded = await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`);
    expect(recorded).toHaveLength(0);
  });
});

describe("schema.prisma and the migrations", () => {
  const schemaPath = path.resolve("prisma/schema.prisma");

  it("describe the same database", async () => {
    const { url } = await emptyDatabase();
    await applyMigrations(url);
    const drift = diffFacts(await schemaFacts(await readFile(schemaPath, "utf8")), await databaseFacts(url));
    expect(drift).toEqual({ onlyInSchema: [], onlyInDatabase: [] });
  });

  it("drift is detected when the schema gains a field, index or enum value the migrations lack", async () => {
    const { url } = await emptyDatabase();
    await applyMigrations(url);
    const schema = (await readFile(schemaPath, "utf8"))
      .replace("model Project {\n", "model Project {\n  archivedAt DateTime?\n")
      .replace("  @@index([createdById])\n", "  @@index([createdById])\n  @@index([name])\n")
      .replace("enum Plan {\n", "enum Plan {\n  ENTERPRISE\n");
    const drift = diffFacts(await schemaFacts(schema), await databaseFacts(url));
    expect(drift.onlyInSchema).toEqual(
      expect.arrayContaining([
        "column Project.archivedAt timestamp",
        "index Project_name_idx ON Project(name)",
        "enum Plan (ENTERPRISE, FREE, PRO, TEAM)",
      ]),
    );
  });

  it("drift is detected when a migration changes the database behind the schema's back", async () => {
    const { url } = await emptyDatabase();
    await applyMigrations(url);
    await query(url, `ALTER TABLE "Message" ADD COLUMN "pinned" boolean; ALTER TABLE "Session" ALTER COLUMN "userAgent" SET NOT NULL`);
    const drift = diffFacts(await schemaFacts(await readFile(schemaPath, "utf8")), await databaseFacts(url));
    expect(drift.onlyInDatabase).toEqual(
      expect.arrayContaining(["column Message.pinned bool", "column Session.userAgent text NOT NULL"]),
    );
  });
});
