import type { RunStatus } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { ensureCurrentBalance } from "@/modules/credits/server/balance";

/**
 * A finished run as the workflow leaves it, straight in the database: its prompt, usage,
 * duration and ledger entries (RESERVE, then COMMIT on success or REFUND otherwise).
 */
export async function finishedRun(
  db: Db,
  auth: AuthContext,
  projectId: string,
  { at, status = "SUCCEEDED", promptTokens = 0, completionTokens = 0, seconds = 30, model = "scripted-model" }: {
    at: Date;
    status?: RunStatus;
    promptTokens?: number;
    completionTokens?: number;
    seconds?: number;
    model?: string;
  },
) {
  const message = await db.message.create({ data: { projectId, role: "USER", content: "prompt", createdAt: at } });
  const run = await db.run.create({
    data: {
      projectId,
      teamId: auth.teamId,
      createdById: auth.userId,
      userMessageId: message.id,
      status,
      model,
      modelCalls: 3,
      promptTokens,
      completionTokens,
      createdAt: at,
      queuedAt: at,
      startedAt: at,
      finishedAt: new Date(at.getTime() + seconds * 1000),
    },
  });
  const balance = await ensureCurrentBalance(db, auth.teamId, at);
  const entry = { teamId: auth.teamId, balanceId: balance.id, runId: run.id, userId: auth.userId };
  await db.creditLedgerEntry.create({ data: { ...entry, kind: "RESERVE", amount: -1, createdAt: at } });
  await db.creditLedgerEntry.create({
    data: status === "SUCCEEDED" ? { ...entry, kind: "COMMIT", amount: 0 } : { ...entry, kind: "REFUND", amount: 1 },
  });
  return run;
}
