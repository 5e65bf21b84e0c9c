import type { Prisma } from "@/generated/prisma/client";

/**
 * Locks the project row for the rest of the transaction and returns the next version number
 * (v1 for the first). Every writer of a Fragment (a finished run, a restore, a hand edit) goes
 * through this, so two versions saved at once queue on the lock instead of both taking the same
 * number; the unique (projectId, number) index backs it. Call it before writing anything else
 * that touches the project row: sendPrompt takes the same lock first, so the order never inverts.
 */
export async function lockProjectForNewVersion(tx: Prisma.TransactionClient, projectId: string): Promise<number> {
  await tx.$queryRaw`SELECT "id" FROM "Project" WHERE "id" = ${projectId} FOR UPDATE`;
  const { _max } = await tx.fragment.aggregate({ where: { projectId }, _max: { number: true } });
  return (_max.number ?? 0) + 1;
}
