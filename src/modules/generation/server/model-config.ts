import { env } from "@/env";
import { AppError } from "@/lib/errors";

/**
 * The model port: any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, LM Studio…).
 * `model` is the instance default; `models` the other names teams may choose (OPENAI_MODELS).
 */
export type ModelConfig = { baseUrl: string; model: string; apiKey: string; models?: string[] };

export const MODEL_NOT_CONFIGURED_MESSAGE =
  "No AI model is configured. Set OPENAI_BASE_URL and OPENAI_MODEL (and OPENAI_API_KEY if your server needs one), then restart Ollio.";

const OPENAI_BASE_URL = "https://api.openai.com/v1";

type ModelEnv = { OPENAI_API_KEY?: string; OPENAI_BASE_URL?: string; OPENAI_MODEL?: string; OPENAI_MODELS?: string[] };

/**
 * A model is configured when OPENAI_MODEL names one and there is somewhere to send it: an explicit
 * OPENAI_BASE_URL, or OpenAI itself when only OPENAI_API_KEY is set. Local servers usually need no
 * key; agent-kit still sends a bearer header, so an unused placeholder goes along.
 */
export function modelConfigFrom(vars: ModelEnv): ModelConfig | null {
  const model = vars.OPENAI_MODEL?.trim();
  if (!model || (!vars.OPENAI_BASE_URL && !vars.OPENAI_API_KEY)) return null;
  return {
    model,
    baseUrl: vars.OPENAI_BASE_URL ?? OPENAI_BASE_URL,
    apiKey: vars.OPENAI_API_KEY || "not-needed",
    models: vars.OPENAI_MODELS ?? [],
  };
}

/** Every model name the instance offers, its default first. Empty without a configured model. */
export function availableModels(config: ModelConfig | null): string[] {
  return config ? [...new Set([config.model, ...(config.models ?? [])])] : [];
}

export function getModelConfig(): ModelConfig | null {
  return modelConfigFrom(env);
}

/** Refuses a model name the instance does not offer (a stale choice, a hand-made request). */
export function assertOfferedModel(config: ModelConfig, name: string): void {
  const models = availableModels(config);
  if (!models.includes(name)) {
    throw new AppError("BAD_REQUEST", `This Ollio does not offer the model "${name.slice(0, 100)}". Pick one of: ${models.join(", ")}.`);
  }
}
