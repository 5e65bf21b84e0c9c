import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { displayNameOf } from "@/modules/auth/display-name";
import { reserveCredit } from "@/modules/credits/server/reserve";
import { assertTeamMayQueueRun } from "@/modules/runs/server/queue-cap";
import { ACTIVE_RUN_STATUSES } from "@/modules/runs/server/run-policy";
import type { PromptElement } from "./prompt-input";

export type AcceptedPrompt = { projectId: string; messageId: string; runId: string; deduplicated: boolean };

/**
 * The write half of sending a prompt, inside the caller's transaction with the project row
 * already locked and touched (or just created): dedupe by clientKey, refuse a second concurrent run
 * or one past the team's queued-runs cap, take a credit, then insert the USER message and its
 * QUEUED run. Any refusal rolls everything back.
 */
export async function acceptPrompt(
  tx: Prisma.TransactionClient,
  {
    projectId,
    teamId,
    userId,
    content,
    clientKey,
    model,
    baseFragmentId = null,
    element,
  }: {
    projectId: string;
    teamId: string;
    userId: string;
    content: string;
    clientKey?: string;
    model?: string;
    baseFragmentId?: string | null;
    element?: PromptElement;
  },
): Promise<AcceptedPrompt> {
  if (clientKey) {
    const existing = await findByClientKey(tx, projectId, clientKey);
    if (existing) return existing;
  }

  const active = await tx.run.findFirst({
    where: { projectId, status: { in: ACTIVE_RUN_STATUSES } },
    select: { createdById: true, createdBy: { select: { name: true, email: true } } },
  });
  if (active) {
    // Names who is running it: in a team, the person waiting needs to know whose run holds the project.
    const whose =
      active.createdById === userId ? "Your generation is" : active.createdBy ? `${displayNameOf(active.createdBy)}'s generation is` : "A generation is";
    throw new AppError("CONFLICT", `${whose} still running in this project. Wait for it to finish, then send your next prompt.`);
  }
  await assertTeamMayQueueRun(tx, teamId);

  const message = await tx.message.create({
    data: { projectId, role: "USER", content, clientKey },
    select: { id: true },
  });
  const run = await tx.run.create({
    // The model asked for; the attempt records the one it actually used.
    data: { projectId, teamId, createdById: userId, userMessageId: message.id, model, baseFragmentId, element },
    select: { id: true },
  });
  await reserveCredit(tx, { teamId, userId, runId: run.id });
  return { projectId, messageId: message.id, runId: run.id, deduplicated: false };
}

async function findByClientKey(tx: Prisma.TransactionClient, projectId: string, clientKey: string) {
  const message = await tx.message.findUnique({
    where: { projectId_clientKey: { projectId, clientKey } },
    select: { id: true, run: { select: { id: true } } },
  });
  if (!message) return null;
  if (!message.run) throw new AppError("CONFLICT", "This request key was already used for another message.");
  return { projectId, messageId: message.id, runId: message.run.id, deduplicated: true };
}
