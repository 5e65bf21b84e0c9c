import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrations";
import { provisionTestPostgres } from "./provision-postgres";
import { databaseUrl } from "../support/database-url";

const TEMPLATE = `ollio_template_${process.pid}`;

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    /** When this test run began (ms since the epoch), for work done once per run. */
    testRunStartedAt: number;
  }
}

export default async function setup(project: TestProject) {
  project.provide("testRunStartedAt", Date.now());
  const server = await provisionTestPostgres();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE}"`);
  await admin.query(`CREATE DATABASE "${TEMPLATE}"`);
  await applyMigrations(databaseUrl(server.adminUrl, TEMPLATE));
  await admin.end();
  console.log(`[tests] Postgres from ${server.source}; migrated template ${TEMPLATE}`);

  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplate", TEMPLATE);

  return async () => {
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE}" WITH (FORCE)`).catch(() => {});
    await client.end();
    await server.stop();
  };
}
