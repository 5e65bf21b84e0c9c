/** `npm run db:migrate`: applies prisma/migrations to DATABASE_URL without the Prisma CLI. */
import path from "node:path";
import { applyMigrations } from "../src/lib/db/migrations";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
const { applied, alreadyApplied } = await applyMigrations(url, {
  dir: path.resolve(import.meta.dirname, "../prisma/migrations"),
  log: console.log,
});
console.log(`${applied.length} applied, ${alreadyApplied.length} already applied`);
