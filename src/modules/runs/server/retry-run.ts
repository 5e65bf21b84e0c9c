import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { sendPrompt, type SendPromptDeps } from "@/modules/generation/server/send-prompt";
import { assertCan } from "@/modules/teams/server/permissions";

/**
 * Sends a failed (or cancelled) run's prompt again as a new run, with a new credit reservation.
 * The retry is keyed by the original run, so a double click starts one retry, not two.
 */
export async function retryRun(db: Db, auth: AuthContext, runId: string, deps: SendPromptDeps = {}) {
  const run = await db.run.findFirst({
    where: { id: runId, teamId: auth.teamId },
    select: { status: true, projectId: true, userMessage: { select: { content: true } } },
  });
  if (!run) throw new AppError("NOT_FOUND", "Run not found.");
  assertCan(auth.role, "projects.prompt");
  if (run.status !== "FAILED" && run.status !== "CANCELLED") {
    throw new AppError("CONFLICT", "Only a failed or cancelled generation can be retried.");
  }
  return sendPrompt(db, { auth, projectId: run.projectId, content: run.userMessage.content, clientKey: `retry:${runId}` }, deps);
}
