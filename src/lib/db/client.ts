import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";

// One client per process; dev hot reloads would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { ollioDb?: PrismaClient };

export function createDbClient(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

export const db = globalForDb.ollioDb ?? createDbClient(env.DATABASE_URL);
globalForDb.ollioDb = db;

export type Db = PrismaClient;
