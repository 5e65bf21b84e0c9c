import { createHash } from "node:crypto";
import os from "node:os";
import pg from "pg";

/**
 * Runs `fn` while holding a Postgres session lock named after this machine and checkout: two app
 * instances started at once from one checkout (several `npm start` against a shared DATABASE_URL)
 * would otherwise both run `next build` into the same `.next`. The second waits, then finds the
 * build done. A session lock ends with its connection, so a crashed build never leaves it held.
 * Instances in other checkouts or on other machines take other locks and build in parallel.
 */
export async function withBuildLock<T>(databaseUrl: string, root: string, fn: () => Promise<T> | T): Promise<T> {
  const key = createHash("sha256").update(`ollio-build:${os.hostname()}:${root}`).digest().readBigInt64BE(0);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "ollio-build-lock" });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [key.toString()]);
    if (!rows[0]?.locked) {
      console.log("[ollio] another instance is building this checkout: waiting for it");
      await client.query("SELECT pg_advisory_lock($1)", [key.toString()]);
    }
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [key.toString()]).catch(() => {});
    await client.end().catch(() => {});
  }
}
