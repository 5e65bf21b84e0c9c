import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "./database-url";

/** Creates a throw-away database on the test server: empty, or cloned from the migrated template. */
export async function createTestDatabase(adminUrl: string, template?: string) {
  const name = `ollio_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
