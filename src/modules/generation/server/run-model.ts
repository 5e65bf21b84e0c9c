import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveRunModel } from "@/modules/models/server/team-model-settings";
import { getSecretBox } from "@/modules/models/server/team-secret-box";
import { GenerationError } from "./agent/errors";
import type { ModelConfig } from "./model-config";

/** The model config a run's attempt calls: the instance's server with the run's model and the team's key. */
export async function modelForRun(db: Db, instance: ModelConfig, runId: string): Promise<ModelConfig> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { teamId: true, model: true } });
  try {
    return await resolveRunModel(db, await getSecretBox(), instance, { teamId: run.teamId, requested: run.model });
  } catch (error) {
    // An unusable team key fails the run with the reason; retrying would not help.
    if (error instanceof AppError) throw new GenerationError(error.message, false);
    throw error;
  }
}
