import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { assertOfferedModel, availableModels, MODEL_NOT_CONFIGURED_MESSAGE, type ModelConfig } from "@/modules/generation/server/model-config";
import { assertCan, can } from "@/modules/teams/server/permissions";
import type { SecretBox } from "./secret-box";

/**
 * What a team sees of its model settings. The API key itself never leaves the server: only
 * whether one is set, its last four characters and when it was set.
 */
export type TeamModelSettingsView = {
  models: string[];
  instanceDefault: string | null;
  /** The team's choice, or null for the instance default. */
  defaultModel: string | null;
  /** What a prompt uses unless the sender picks another. */
  effectiveModel: string | null;
  apiKey: { last4: string; updatedAt: Date } | null;
  canManage: boolean;
};

export async function getTeamModelSettings(db: Db, auth: AuthContext, instance: ModelConfig | null): Promise<TeamModelSettingsView> {
  assertCan(auth.role, "team.view");
  const models = availableModels(instance);
  const row = await db.teamModelSettings.findUnique({
    where: { teamId: auth.teamId },
    select: { defaultModel: true, apiKeyLast4: true, apiKeyUpdatedAt: true },
  });
  const defaultModel = row?.defaultModel && models.includes(row.defaultModel) ? row.defaultModel : null;
  return {
    models,
    instanceDefault: instance?.model ?? null,
    defaultModel,
    effectiveModel: defaultModel ?? instance?.model ?? null,
    apiKey: row?.apiKeyLast4 && row.apiKeyUpdatedAt ? { last4: row.apiKeyLast4, updatedAt: row.apiKeyUpdatedAt } : null,
    canManage: can(auth.role, "team.modelSettings"),
  };
}

export async function setTeamDefaultModel(db: Db, auth: AuthContext, instance: ModelConfig | null, model: string | null) {
  assertCan(auth.role, "team.modelSettings");
  if (model !== null) requireOfferedModel(instance, model);
  await db.teamModelSettings.upsert({
    where: { teamId: auth.teamId },
    create: { teamId: auth.teamId, defaultModel: model },
    update: { defaultModel: model },
  });
}

/** Stores the team's own key for the instance's provider, sealed with the instance's secret key. */
export async function setTeamApiKey(db: Db, box: SecretBox, auth: AuthContext, apiKey: string) {
  assertCan(auth.role, "team.modelSettings");
  const key = apiKey.trim();
  if (key.length < 8 || key.length > 500 || /\s/.test(key)) {
    throw new AppError("BAD_REQUEST", "That does not look like an API key: paste the whole key, without spaces.");
  }
  const sealed = { apiKeyEncrypted: box.seal(key, auth.teamId), apiKeyLast4: key.slice(-4), apiKeyUpdatedAt: new Date() };
  await db.teamModelSettings.upsert({ where: { teamId: auth.teamId }, create: { teamId: auth.teamId, ...sealed }, update: sealed });
}

export async function removeTeamApiKey(db: Db, auth: AuthContext) {
  assertCan(auth.role, "team.modelSettings");
  await db.teamModelSettings.updateMany({
    where: { teamId: auth.teamId },
    data: { apiKeyEncrypted: null, apiKeyLast4: null, apiKeyUpdatedAt: null },
  });
}

/** The team's key in clear, for calls to the provider only. Null when none is set. */
export async function teamApiKey(db: Db, box: SecretBox, teamId: string): Promise<string | null> {
  const row = await db.teamModelSettings.findUnique({ where: { teamId }, select: { apiKeyEncrypted: true } });
  if (!row?.apiKeyEncrypted) return null;
  try {
    return box.open(row.apiKeyEncrypted, teamId);
  } catch {
    throw new AppError(
      "PRECONDITION_FAILED",
      "The team's API key cannot be decrypted (the instance's secret key changed). The team's owner must set it again.",
    );
  }
}

/**
 * The model a run uses: the name the sender picked, else the team's default, else the instance
 * default — each only if the instance still offers it — with the team's key when it has one.
 * The base URL is always the instance's.
 */
export async function resolveRunModel(db: Db, box: SecretBox, instance: ModelConfig, run: { teamId: string; requested: string | null }): Promise<ModelConfig> {
  const models = availableModels(instance);
  const settings = await db.teamModelSettings.findUnique({ where: { teamId: run.teamId }, select: { defaultModel: true } });
  const model = [run.requested, settings?.defaultModel].find((m): m is string => !!m && models.includes(m)) ?? instance.model;
  const apiKey = (await teamApiKey(db, box, run.teamId)) ?? instance.apiKey;
  return { baseUrl: instance.baseUrl, model, apiKey };
}

function requireOfferedModel(instance: ModelConfig | null, model: string) {
  if (!instance) throw new AppError("PRECONDITION_FAILED", MODEL_NOT_CONFIGURED_MESSAGE);
  assertOfferedModel(instance, model);
}
