/**
 * Embedded Postgres in a process of its own, started by scripts/start.ts in a separate process
 * group: Ctrl-C in the terminal signals the foreground group, and Postgres must not get it — the
 * start script stops it once Next has exited. It also stops when the start script goes away.
 */
import { fork, type ChildProcess } from "node:child_process";

type FromChild = { url: string } | { error: string };
const CHILD_MARKER = "OLLIO_EMBEDDED_POSTGRES_PROCESS";

export type EmbeddedPostgresProcess = { url: string; stop: () => Promise<void> };

/** Parent side: fork this file as the database process and wait until Postgres accepts connections. */
export function spawnEmbeddedPostgres(dir: string): Promise<EmbeddedPostgresProcess> {
  const child = fork(import.meta.filename, [dir], {
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, [CHILD_MARKER]: "1" },
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`embedded Postgres exited during start-up (code ${code})`)));
    child.once("message", (message: FromChild) => {
      if ("error" in message) return reject(new Error(message.error));
      child.removeAllListeners("exit");
      resolve({ url: message.url, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.send("stop");
  });
}

// Child side.
if (process.env[CHILD_MARKER] === "1" && process.send && process.argv[2]) {
  const send = process.send.bind(process);
  try {
    // Imported here only: the library's exit hook would otherwise make the start script exit on
    // its first SIGINT, before it has stopped Next.
    const { startEmbeddedPostgres } = await import("../src/lib/db/embedded-postgres");
    const pg = await startEmbeddedPostgres({ dir: process.argv[2] });
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
  } catch (error) {
    send({ error: error instanceof Error ? error.message : String(error) } satisfies FromChild);
    process.exit(1);
  }
}
