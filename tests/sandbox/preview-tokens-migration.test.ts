import { afterAll, describe, expect, inject, it } from "vitest";
import { createDbClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { fragmentFilesFromDb } from "@/modules/preview/server/fragment-files";
import { startPreviewServer } from "@/modules/preview/server";
import { databaseBefore } from "../support/database-before";

const TOKENS_MIGRATION = "20261201000300_preview_tokens";
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("the preview-token migration, on fragments saved before it", () => {
  it("gives every existing fragment its own 32-byte token, rewrites its URL, and its row-id URL stops working", async () => {
    // A database as it was before tokens: every migration up to (not including) this one.
    const database = await databaseBefore(inject("pgAdminUrl"), TOKENS_MIGRATION);
    cleanups.push(database.drop);
    const { sql } = database;
    await sql.query(`
      INSERT INTO "User" (id, email, "updatedAt") VALUES ('u1', 'old@example.test', now());
      INSERT INTO "Team" (id, name, "updatedAt") VALUES ('t1', 'Old team', now());
      INSERT INTO "Project" (id, "teamId", "createdById", name, "updatedAt") VALUES ('p1', 't1', 'u1', 'Old', now());`);
    const ids = Array.from({ length: 50 }, (_, i) => `cmold${String(i).padStart(4, "0")}fragmentid00`);
    for (const [i, id] of ids.entries()) {
      await sql.query(
        `INSERT INTO "Message" (id, "projectId", role, content) VALUES ($1, 'p1', 'ASSISTANT', 'done');
         `.trim(),
        [`m${i}`],
      );
      await sql.query(
        `INSERT INTO "Fragment" (id, "messageId", "projectId", title, files, "previewUrl") VALUES ($1, $2, 'p1', 'Old', $3, $4)`,
        [id, `m${i}`, JSON.stringify({ "index.html": `<p>version ${i}</p>` }), `http://localhost:3001/f/${id}/`],
      );
    }

    const { applied } = await applyMigrations(database.url);
    expect(applied[0]).toBe(TOKENS_MIGRATION); // later migrations follow it

    const rows = (await sql.query<{ id: string; previewToken: string; previewUrl: string }>(`SELECT id, "previewToken", "previewUrl" FROM "Fragment" ORDER BY id`)).rows;
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect(row.previewToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(row.previewToken, "base64url")).toHaveLength(32);
      expect(row.previewUrl).toBe(`http://localhost:3001/p/${row.previewToken}/`);
    }
    expect(new Set(rows.map((r) => r.previewToken)).size).toBe(50);

    // Served by token from this database; the old row-id URL is gone.
    const client = createDbClient(database.url);
    cleanups.push(() => client.$disconnect());
    const server = await startPreviewServer({
      port: 0,
      host: "127.0.0.1",
      appUrl: "http://localhost:3000",
      previewOrigin: "http://localhost:3001",
      files: fragmentFilesFromDb(client),
    });
    cleanups.push(() => server.close());
    const first = rows[0]!;
    const ok = await fetch(`${server.url}/p/${first.previewToken}/`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/<p>version \d+<\/p>$/);
    expect((await fetch(`${server.url}/f/${first.id}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/p/${first.id}/`)).status).toBe(404);
  });
});
