import { afterAll, inject } from "vitest";
import { createTestDatabase } from "../support/databases";

// Each test file runs against its own database cloned from the migrated template, so files can
// run in parallel. It is set before any test module imports `@/lib/db/client`.
const database = await createTestDatabase(inject("pgAdminUrl"), inject("pgTemplate"));
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  const shared = (globalThis as { ollioDb?: { $disconnect(): Promise<void> } }).ollioDb;
  await shared?.$disconnect().catch(() => {});
  await database.drop();
});
