import PgBoss from "pg-boss";
import { GENERATE_QUEUE } from "./queue";

/**
 * One started pg-boss per process and database, shared by the sender and the worker. Kept on
 * globalThis so dev hot reloads do not open another pool (and another supervisor) per edit.
 */
const globalForBoss = globalThis as unknown as { ollioBosses?: Map<string, Promise<PgBoss>> };
const bosses = (globalForBoss.ollioBosses ??= new Map());

export function getBoss(connectionString: string): Promise<PgBoss> {
  let boss = bosses.get(connectionString);
  if (!boss) {
    boss = startBoss(connectionString);
    bosses.set(connectionString, boss);
    boss.catch(() => bosses.delete(connectionString));
  }
  return boss;
}

async function startBoss(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    application_name: "ollio-jobs",
    max: 4,
    // Ollio schedules nothing through pg-boss; its supervisor still expires and retries jobs.
    schedule: false,
  });
  boss.on("error", (error) => console.error("[jobs] pg-boss:", error.message));
  await boss.start(); // installs or migrates its own "pgboss" schema, under an advisory lock
  await boss.createQueue(GENERATE_QUEUE);
  return boss;
}

/** Stops this process's pg-boss for `connectionString`, waiting up to `timeoutMs` for running jobs. */
export async function stopBoss(connectionString: string, timeoutMs = 10_000): Promise<void> {
  const boss = bosses.get(connectionString);
  bosses.delete(connectionString);
  if (!boss) return;
  const started = await boss.catch(() => null);
  await started?.stop({ graceful: true, wait: true, timeout: timeoutMs });
}
