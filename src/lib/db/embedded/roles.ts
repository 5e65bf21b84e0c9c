import pg from "pg";

export const SUPERUSER = "ollio";
export const APP_ROLE = "ollio_app";

/**
 * Makes the app's role (no superuser, no CREATEDB/CREATEROLE: it cannot run `COPY … TO PROGRAM`
 * or read server files) the owner of the app's database and of everything in it. Idempotent, run
 * as the superuser on every start: a data directory from before this role existed has its tables,
 * enums and pg-boss schema owned by the superuser, and is handed over here.
 */
export async function ensureAppRole(adminUrl: (database: string) => string, database: string, appPassword: string) {
  await withClient(adminUrl("postgres"), async (client) => {
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE}; END IF;
    END $$`);
    await client.query(
      `ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(appPassword)}`,
    );
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    const name = client.escapeIdentifier(database);
    await client.query(rowCount ? `ALTER DATABASE ${name} OWNER TO ${APP_ROLE}` : `CREATE DATABASE ${name} OWNER ${APP_ROLE}`);
  });
  await withClient(adminUrl(database), (client) => client.query(HAND_OVER_OBJECTS));
}

// Tables and views first: their sequences and row types follow them (and refuse to move alone).
const HAND_OVER_OBJECTS = `DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT nspname FROM pg_namespace
    WHERE nspowner = '${SUPERUSER}'::regrole AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO ${APP_ROLE}', r.nspname);
  END LOOP;
  FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner = '${SUPERUSER}'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER %s %I.%I OWNER TO ${APP_ROLE}',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      r.nspname, r.relname);
  END LOOP;
  FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner = '${SUPERUSER}'::regrole AND c.relkind = 'S'
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER SEQUENCE %I.%I OWNER TO ${APP_ROLE}', r.nspname, r.relname);
  END LOOP;
  FOR r IN SELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typowner = '${SUPERUSER}'::regrole AND t.typtype IN ('e', 'd', 'c', 'r')
      AND NOT EXISTS (SELECT FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER TYPE %I.%I OWNER TO ${APP_ROLE}', r.nspname, r.typname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proowner = '${SUPERUSER}'::regrole AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO ${APP_ROLE}', r.signature);
  END LOOP;
END $$`;

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a server going away mid-use rejects the pending query; don't crash the process
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}
