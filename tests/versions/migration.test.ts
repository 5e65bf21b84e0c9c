import { afterAll, describe, expect, inject, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { databaseBefore } from "../support/database-before";

const CHAIN_MIGRATION = "20261201000900_version_chain_and_share_links";
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("the version-chain migration, on versions saved before it", () => {
  it("numbers existing versions by createdAt per project, chains each to the one before, and records runs' bases", async () => {
    const database = await databaseBefore(inject("pgAdminUrl"), CHAIN_MIGRATION);
    cleanups.push(database.drop);
    const { sql } = database;
    await sql.query(`
      INSERT INTO "User" (id, email, "updatedAt") VALUES ('u1', 'old@example.test', now());
      INSERT INTO "Team" (id, name, "updatedAt") VALUES ('t1', 'Old team', now());
      INSERT INTO "Project" (id, "teamId", "createdById", name, "updatedAt") VALUES ('pa', 't1', 'u1', 'A', now()), ('pb', 't1', 'u1', 'B', now());`);
    // Inserted out of order: numbers follow createdAt, not insertion.
    const rows: [string, string, string][] = [["a2", "pa", "2026-01-02"], ["a1", "pa", "2026-01-01"], ["b1", "pb", "2026-01-05"], ["a3", "pa", "2026-01-03"]];
    for (const [id, project, at] of rows) {
      await sql.query(`INSERT INTO "Message" (id, "projectId", role, content, "createdAt") VALUES ($1, $2, 'ASSISTANT', 'done', $3)`, [`m-${id}`, project, at]);
      await sql.query(`INSERT INTO "Fragment" (id, "messageId", "projectId", title, files, "createdAt") VALUES ($1, $2, $3, 'Old', '{}', $4)`, [id, `m-${id}`, project, at]);
    }
    await sql.query(`INSERT INTO "Message" (id, "projectId", role, content, "createdAt") VALUES ('prompt', 'pa', 'USER', 'more', '2026-01-02 12:00')`);
    await sql.query(`INSERT INTO "Run" (id, "projectId", "teamId", "userMessageId", "updatedAt") VALUES ('r1', 'pa', 't1', 'prompt', now())`);

    const { applied } = await applyMigrations(database.url);
    expect(applied[0]).toBe(CHAIN_MIGRATION);
    const { rows: fragments } = await sql.query(`SELECT id, number, "parentId", origin FROM "Fragment" ORDER BY id`);
    expect(fragments).toEqual([
      { id: "a1", number: 1, parentId: null, origin: "AGENT" },
      { id: "a2", number: 2, parentId: "a1", origin: "AGENT" },
      { id: "a3", number: 3, parentId: "a2", origin: "AGENT" },
      { id: "b1", number: 1, parentId: null, origin: "AGENT" },
    ]);
    expect((await sql.query(`SELECT "baseFragmentId" FROM "Run" WHERE id = 'r1'`)).rows).toEqual([{ baseFragmentId: "a2" }]);
    await expect(sql.query(`UPDATE "Fragment" SET number = 1 WHERE id = 'a2'`)).rejects.toThrow(/Fragment_projectId_number_key/);
  });
});
