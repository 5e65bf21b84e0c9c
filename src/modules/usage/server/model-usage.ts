/** What one attempt used of the model, summed over its calls. */
export type ModelUsage = { modelCalls: number; promptTokens: number; completionTokens: number };

export const NO_USAGE: ModelUsage = { modelCalls: 0, promptTokens: 0, completionTokens: 0 };

/**
 * Token counts from a raw chat-completions response (agent-kit's `AgentResult.raw`, a JSON
 * string). Servers that omit `usage` (some local ones) count as zero tokens, not as an error.
 */
export function usageFromRawResponse(raw: string | undefined): { promptTokens: number; completionTokens: number } {
  if (!raw) return { promptTokens: 0, completionTokens: 0 };
  try {
    const usage = (JSON.parse(raw) as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
    return { promptTokens: count(usage?.prompt_tokens), completionTokens: count(usage?.completion_tokens) };
  } catch {
    return { promptTokens: 0, completionTokens: 0 };
  }
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
