import { execFileSync, spawnSync } from "node:child_process";

/** The OS user the Postgres server runs as: ourselves, or (as root, which Postgres refuses) `postgres`. */
export type ServerUser = { uid: number; gid: number; name: string } | null;

export function serverUser(): ServerUser {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return { ...ids(), name: "postgres" };
  } catch {
    // A system account with no login and no home, like Debian's own postgres user.
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    return { ...ids(), name: "postgres" };
  }
}

/** Whether `user` can reach `file` with `test <flag>` (e.g. -x, -w): exact, whatever the path's modes and ACLs. */
export function userCan(user: ServerUser, flag: "-x" | "-r" | "-w", file: string): boolean {
  if (!user) return true;
  return spawnSync("test", [flag, file], { uid: user.uid, gid: user.gid }).status === 0;
}
