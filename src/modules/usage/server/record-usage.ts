import type { Db } from "@/lib/db/client";
import type { ModelUsage } from "./model-usage";

/**
 * Adds one attempt's model usage to its run and names the model it used. Increments, so every
 * attempt of a retried run counts (each one spent tokens); called once per attempt, whether it
 * succeeded or not.
 */
export async function recordRunUsage(db: Db, runId: string, model: string, usage: ModelUsage): Promise<void> {
  await db.run.update({
    where: { id: runId },
    data: {
      model,
      modelCalls: { increment: usage.modelCalls },
      promptTokens: { increment: usage.promptTokens },
      completionTokens: { increment: usage.completionTokens },
    },
  });
}
