import { env } from "@/env";

/** The model port: any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, LM Studio…). */
export type ModelConfig = { baseUrl: string; model: string; apiKey: string };

export const MODEL_NOT_CONFIGURED_MESSAGE =
  "No AI model is configured. Set OPENAI_BASE_URL and OPENAI_MODEL (and OPENAI_API_KEY if your server needs one), then restart Ollio.";

const OPENAI_BASE_URL = "https://api.openai.com/v1";

type ModelEnv = { OPENAI_API_KEY?: string; OPENAI_BASE_URL?: string; OPENAI_MODEL?: string };

/**
 * A model is configured when OPENAI_MODEL names one and there is somewhere to send it: an explicit
 * OPENAI_BASE_URL, or OpenAI itself when only OPENAI_API_KEY is set. Local servers usually need no
 * key; agent-kit still sends a bearer header, so an unused placeholder goes along.
 */
export function modelConfigFrom(vars: ModelEnv): ModelConfig | null {
  const model = vars.OPENAI_MODEL?.trim();
  if (!model || (!vars.OPENAI_BASE_URL && !vars.OPENAI_API_KEY)) return null;
  return { model, baseUrl: vars.OPENAI_BASE_URL ?? OPENAI_BASE_URL, apiKey: vars.OPENAI_API_KEY || "not-needed" };
}

export function getModelConfig(): ModelConfig | null {
  return modelConfigFrom(env);
}
