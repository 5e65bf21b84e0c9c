import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";

// One client per process; dev hot reloads would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { ollioDb?: PrismaClient };

/**
 * Interactive transactions wait up to 10 s for one of the pool's 10 connections and may run 20 s.
 * Prisma's defaults (2 s, 5 s) failed prompts under a burst: 25 prompts at once into one process
 * outwaited the pool, and one team's simultaneous prompts, which queue on the team's row lock
 * (team-lock.ts), pushed the last past 5 s on a loaded machine. Waiting is right there; a stuck
 * transaction is still ended.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export function createDbClient(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }), transactionOptions: TRANSACTION_OPTIONS });
}

export const db = globalForDb.ollioDb ?? createDbClient(env.DATABASE_URL);
globalForDb.ollioDb = db;

export type Db = PrismaClient;
