import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { MODEL_NOT_CONFIGURED_MESSAGE, type ModelConfig } from "@/modules/generation/server/model-config";
import { assertCan } from "@/modules/teams/server/permissions";
import type { SecretBox } from "./secret-box";
import { teamApiKey } from "./team-model-settings";

export type ConnectionTest = { ok: boolean; message: string };

const TIMEOUT_MS = 10_000;

/**
 * Calls the instance's provider with the team's key: GET {base}/models, which every
 * OpenAI-compatible server answers and which costs no tokens. The reply never contains the key.
 */
export async function testTeamConnection(
  db: Db,
  box: SecretBox,
  auth: AuthContext,
  instance: ModelConfig | null,
  fetchFn: typeof fetch = fetch,
): Promise<ConnectionTest> {
  assertCan(auth.role, "team.modelSettings");
  if (!instance) throw new AppError("PRECONDITION_FAILED", MODEL_NOT_CONFIGURED_MESSAGE);
  const key = await teamApiKey(db, box, auth.teamId);
  if (!key) throw new AppError("PRECONDITION_FAILED", "Set the team's API key first, then test it.");
  try {
    const response = await fetchFn(`${instance.baseUrl.replace(/\/+$/, "")}/models`, {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) return { ok: true, message: "The provider accepted the team's key." };
    if (response.status === 401 || response.status === 403) {
      return { ok: false, message: `The provider refused the team's key (HTTP ${response.status}).` };
    }
    return { ok: false, message: `The provider answered HTTP ${response.status}.` };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : "it could not be reached";
    return { ok: false, message: `Could not test the key: ${reason}.` };
  }
}
