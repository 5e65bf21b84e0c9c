import type { CommandResult } from "@/modules/sandbox/server/port";

/** Largest tool result handed back to the model, so one `cat` of a big file cannot flood its context. */
export const TOOL_OUTPUT_LIMIT = 12_000;

export function capToolOutput(text: string, limit = TOOL_OUTPUT_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n… [output truncated: ${text.length - limit} more characters]`;
}

export function formatCommandResult(result: CommandResult): string {
  const parts = [`exit code: ${result.exitCode}`];
  if (result.limitExceeded) parts.push(`stopped by the sandbox: ${result.limitExceeded} limit exceeded`);
  if (result.stdout) parts.push(`stdout:\n${result.stdout}`);
  if (result.stderr) parts.push(`stderr:\n${result.stderr}`);
  if (result.truncated) parts.push("(output was cut by the sandbox)");
  return capToolOutput(parts.join("\n"));
}
