/**
 * Embedded Postgres in a process of its own, started by scripts/start.ts in a separate process
 * group: Ctrl-C in the terminal signals the foreground group, and Postgres must not get it — the
 * start script stops it once Next has exited. It also stops when the start script goes away.
 *
 * It supervises the server: if Postgres dies it is restarted (at most MAX_RESTARTS times within
 * RESTART_WINDOW_MS, with the same socket so every connection string stays valid); past that the
 * start script is told, and stops the whole app with one clear message.
 */
import { fork, type ChildProcess } from "node:child_process";

type FromChild = { url: string } | { error: string } | { fatal: string };
const CHILD_MARKER = "OLLIO_EMBEDDED_POSTGRES_PROCESS";
export const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export type EmbeddedPostgresProcess = {
  url: string;
  stop: () => Promise<void>;
  /** Resolves with a sentence for the user when Postgres is gone for good. */
  failed: Promise<string>;
};

/** Parent side: fork this file as the database process and wait until Postgres accepts connections. */
export function spawnEmbeddedPostgres(dir: string): Promise<EmbeddedPostgresProcess> {
  const child = fork(import.meta.filename, [dir], {
    detached: true,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, [CHILD_MARKER]: "1" },
  });
  let stopping = false;
  const failed = new Promise<string>((resolve) => {
    child.on("message", (message: FromChild) => "fatal" in message && resolve(message.fatal));
    child.once("exit", (code) => !stopping && resolve(`The embedded Postgres process exited (code ${code}); Ollio is shutting down.`));
  });
  return new Promise((resolve, reject) => {
    const exitedEarly = (code: number | null) => reject(new Error(`embedded Postgres exited during start-up (code ${code})`));
    child.once("exit", exitedEarly);
    child.on("message", (message: FromChild) => {
      if ("error" in message) return reject(new Error(message.error));
      if (!("url" in message)) return;
      child.off("exit", exitedEarly);
      const stop = () => {
        stopping = true;
        return stopChild(child);
      };
      resolve({ url: message.url, failed, stop });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.send("stop");
  });
}

// Child side.
if (process.env[CHILD_MARKER] === "1" && process.send && process.argv[2]) {
  const send = process.send.bind(process);
  const dir = process.argv[2];
  const log = (line: string) => console.log(`[ollio] ${line}`);
  let started = false;
  try {
    const { startEmbeddedPostgres } = await import("../src/lib/db/embedded-postgres");
    let pg = await startEmbeddedPostgres({ dir, log: (line) => line.includes("not reachable") && log(line) });
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await pg.stop().catch((error: unknown) => console.error("[ollio] could not stop Postgres:", error));
      process.exit(0);
    };
    process.on("message", (message) => message === "stop" && void stop());
    process.on("disconnect", () => void stop()); // the start script died
    send({ url: pg.url } satisfies FromChild);
    started = true;

    const restarts: number[] = [];
    for (;;) {
      const reason = await pg.crashed;
      if (stopping) break;
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        send({ fatal: `Postgres stopped ${restarts.length} times within a minute (${reason}); Ollio is shutting down. Check the disk and memory, then start Ollio again.` } satisfies FromChild);
        break;
      }
      log(`${reason}; restarting it (${restarts.length} of ${MAX_RESTARTS} within a minute)`);
      pg = await restartWithRetries(() => startEmbeddedPostgres({ dir, socketDir: pg.socketDir }));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    send((started ? { fatal: `Postgres could not be restarted (${message}); Ollio is shutting down.` } : { error: message }) satisfies FromChild);
    process.exit(1);
  }
}

/** The dead server's backends take a moment to exit and release its shared memory. */
async function restartWithRetries<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}
