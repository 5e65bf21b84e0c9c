import { createTool } from "@inngest/agent-kit";
import { z } from "zod";
import type { ProgressKind } from "@/modules/runs/server/progress";
import { normalizeSandboxPath } from "@/modules/sandbox/server/paths";
import type { Sandbox } from "@/modules/sandbox/server/port";
import { capToolOutput, formatCommandResult } from "./tool-output";

export type AgentToolContext = {
  sandbox: Sandbox;
  commandTimeoutMs: number;
  report: (kind: ProgressKind, detail: string) => void;
  /** True once the run has been given up (timeout, lost lease): tools refuse further work. */
  isStopped: () => boolean;
  /** Counts a tool call against the current model reply's budget; false once it is spent. */
  admitToolCall: () => boolean;
  /** That budget, for the refusal the model reads. */
  maxToolCallsPerTurn: number;
};

/** Tool limits, also stated in the system prompt; every refusal names the limit it hit. */
export const MAX_COMMAND_LENGTH = 4000;
export const MAX_FILES_PER_CALL = 50;

const terminalInput = z.object({
  command: z.string().describe('A shell command, run with the app directory as the working directory, e.g. "ls -R".'),
});
const filesInput = z.object({
  files: z
    .array(
      z.object({
        path: z.string().describe('Relative to the app directory, e.g. "index.html" or "scripts/app.js".'),
        content: z.string().describe("The complete new content of the file."),
      }),
    )
    .describe("The files to create or overwrite."),
});
const readInput = z.object({
  files: z.array(z.string()).describe('Paths relative to the app directory, e.g. ["index.html"].'),
});

/**
 * The agent's three tools, by the names the rest of Ollio relies on. agent-kit hands tools the
 * model's raw JSON, so each validates its own input; every refusal or failure comes back to the
 * model as a plain "Error: …" result it can act on, never as an exception that ends the run.
 */
export function createAgentTools(ctx: AgentToolContext) {
  return [
    createTool({
      name: "terminal",
      description: "Run a shell command in the sandbox (no network). Returns exit code, stdout and stderr.",
      parameters: terminalInput,
      handler: (input) =>
        guarded(ctx, terminalInput, input, "terminal", async ({ command }) => {
          if (!command.trim()) return "Error: the command is empty.";
          if (command.length > MAX_COMMAND_LENGTH) return `Error: the command is ${command.length} characters long; the limit is ${MAX_COMMAND_LENGTH} characters per command. Write long content with createOrUpdateFiles instead.`;
          ctx.report("command", command);
          return formatCommandResult(await ctx.sandbox.commands.run(command, { timeoutMs: ctx.commandTimeoutMs }));
        }),
    }),
    createTool({
      name: "createOrUpdateFiles",
      description: "Create or overwrite files in the app directory. Give each file's complete content.",
      parameters: filesInput,
      handler: (input) =>
        guarded(ctx, filesInput, input, "createOrUpdateFiles", async ({ files }) => {
          if (files.length === 0) return "Error: no files given.";
          if (files.length > MAX_FILES_PER_CALL) return tooManyFiles(files.length);
          const written: string[] = [];
          const refused: string[] = [];
          for (const file of files) {
            try {
              const path = normalizeSandboxPath(file.path);
              await ctx.sandbox.files.write(path, file.content);
              ctx.report("file", path);
              written.push(path);
            } catch (error) {
              refused.push(`${file.path}: ${messageOf(error)}`);
            }
          }
          const lines = [];
          if (written.length) lines.push(`Wrote ${written.length} file(s): ${written.join(", ")}`);
          if (refused.length) lines.push(`Error: could not write ${refused.length} file(s):\n${refused.join("\n")}`);
          return capToolOutput(lines.join("\n"));
        }),
    }),
    createTool({
      name: "readFiles",
      description: "Read files from the app directory.",
      parameters: readInput,
      handler: (input) =>
        guarded(ctx, readInput, input, "readFiles", async ({ files }) => {
          if (files.length === 0) return "Error: no files given.";
          if (files.length > MAX_FILES_PER_CALL) return tooManyFiles(files.length);
          const sections: string[] = [];
          for (const requested of files) {
            try {
              const path = normalizeSandboxPath(requested);
              sections.push(`--- ${path} ---\n${await ctx.sandbox.files.read(path)}`);
              ctx.report("note", `Read ${path}`);
            } catch (error) {
              sections.push(`--- ${requested} ---\nError: ${messageOf(error)}`);
            }
          }
          return capToolOutput(sections.join("\n\n"));
        }),
    }),
  ];
}

async function guarded<T>(
  ctx: AgentToolContext,
  schema: z.ZodType<T>,
  input: unknown,
  toolName: string,
  run: (input: T) => Promise<string>,
): Promise<string> {
  if (ctx.isStopped()) return "Error: this run has been stopped; no further changes are possible.";
  if (!ctx.admitToolCall()) {
    return `Error: too many tool calls in one reply (at most ${ctx.maxToolCallsPerTurn}); this ${toolName} call was not run. Put all files into one createOrUpdateFiles call, and make any remaining calls in your next reply.`;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; ");
    return `Error: invalid arguments for ${toolName}: ${issues}`;
  }
  try {
    return await run(parsed.data);
  } catch (error) {
    return `Error: ${messageOf(error)}`;
  }
}

function tooManyFiles(count: number): string {
  return `Error: ${count} files in one call; the limit is ${MAX_FILES_PER_CALL} files per call. Nothing was done: split them into calls of at most ${MAX_FILES_PER_CALL}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
