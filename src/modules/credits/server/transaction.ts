import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/generated/prisma/client";

/** Either the client or an open interactive transaction: callers inside a transaction pass theirs. */
export type DbClient = Db | Prisma.TransactionClient;

/** Runs `fn` in the caller's transaction when given one, else in a new transaction of its own. */
export function withTransaction<T>(client: DbClient, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return "$transaction" in client ? client.$transaction(fn) : fn(client);
}
