import { createAgent, createNetwork, createState, openai, type Message } from "@inngest/agent-kit";
import type { ProgressKind } from "@/modules/runs/server/progress";
import type { Sandbox } from "@/modules/sandbox/server/port";
import { usageFromRawResponse } from "@/modules/usage/server/model-usage";
import type { ModelConfig } from "../model-config";
import { AgentDidNotFinishError, GenerationError, modelCallError, RunStoppedError } from "./errors";
import { createModelWatchdog } from "./model-watchdog";
import { CODE_AGENT_SYSTEM_PROMPT } from "./system-prompt";
import { extractTaskSummary } from "./task-summary";
import { createAgentTools } from "./tools";

export type CodeAgentOptions = {
  model: ModelConfig;
  sandbox: Sandbox;
  /** The user's request with its project context (see prompt-context.ts). */
  prompt: string;
  /** Upper bound on model calls for this attempt. */
  maxIterations: number;
  modelTimeoutMs: number;
  commandTimeoutMs: number;
  /** Tool calls allowed in one model reply; later ones get an error result instead of running. */
  maxToolCallsPerTurn: number;
  /** Aborted when this attempt loses the run (lease lost, cancelled) or its time is up. */
  signal: AbortSignal;
  report: (kind: ProgressKind, detail: string) => void;
  /** Called after each model response with its token counts (usage accounting). */
  onModelResponse?: (usage: { promptTokens: number; completionTokens: number }) => void;
};

type AgentState = {
  summary: string | null;
  /** A one-off reminder added to the next model call, e.g. when the model stopped without finishing. */
  nudge: string | null;
};

const ENTRY_FILE = "index.html";
const KEEP_GOING =
  "Continue with the task using the tools. When the UI is complete, reply with a short summary wrapped in <task_summary></task_summary>.";
const ENTRY_MISSING = `There is no ${ENTRY_FILE} in the app directory yet. Create it (with relative links to any other files), then send the <task_summary> again.`;

/**
 * One code agent in an agent-kit network, driving the sandbox through the three tools until the
 * model replies with <task_summary> (checked on its last assistant message) or the iteration
 * bound is reached. Model calls go over agent-kit's plain fetch to {baseUrl}/chat/completions.
 */
export async function runCodeAgent(options: CodeAgentOptions): Promise<{ summary: string; modelCalls: number }> {
  const { sandbox, signal } = options;
  let stopped = false;
  let modelCalls = 0;
  let toolCallsThisTurn = 0;
  const watchdog = createModelWatchdog(options.modelTimeoutMs);

  const agent = createAgent<AgentState>({
    name: "ollio-coder",
    description: "Builds static HTML/CSS/JS user interfaces in a sandbox.",
    system: CODE_AGENT_SYSTEM_PROMPT,
    model: openai({ model: options.model.model, baseUrl: options.model.baseUrl, apiKey: options.model.apiKey }),
    tools: createAgentTools({
      sandbox,
      commandTimeoutMs: options.commandTimeoutMs,
      report: options.report,
      isStopped: () => stopped,
      admitToolCall: () => ++toolCallsThisTurn <= options.maxToolCallsPerTurn,
      maxToolCallsPerTurn: options.maxToolCallsPerTurn,
    }),
    lifecycle: {
      onStart: ({ prompt, history = [], network }) => {
        if (stopped) return { prompt, history, stop: true };
        const data = network?.state.data;
        const nudge = data?.nudge;
        if (data) data.nudge = null;
        modelCalls += 1;
        toolCallsThisTurn = 0;
        watchdog.arm();
        return { prompt, history: nudge ? [...history, userText(nudge)] : history, stop: false };
      },
      onResponse: ({ result }) => {
        watchdog.disarm();
        options.onModelResponse?.(usageFromRawResponse(result.raw));
        return result;
      },
      // After this turn's tool calls ran, so a reply that writes index.html and summarises in
      // the same turn is accepted.
      onFinish: async ({ result, network }) => {
        const data = network?.state.data;
        if (!data) return result;
        const summary = extractTaskSummary(lastAssistantText(result.output));
        if (summary) {
          if (await exists(sandbox, ENTRY_FILE)) data.summary = summary;
          else data.nudge = ENTRY_MISSING;
        } else if (!result.output.some((m) => m.type === "tool_call")) {
          data.nudge = KEEP_GOING;
        }
        return result;
      },
    },
  });

  const network = createNetwork<AgentState>({
    name: "ollio-generation",
    agents: [agent],
    defaultState: createState<AgentState>({ summary: null, nudge: null }),
    maxIter: options.maxIterations,
    router: ({ network }) => (stopped || network.state.data.summary ? undefined : agent),
  });

  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new RunStoppedError());
    signal.addEventListener("abort", () => reject(new RunStoppedError()), { once: true });
  });
  aborted.catch(() => {});
  const running = network.run(options.prompt).catch((error: unknown) => {
    throw error instanceof GenerationError || error instanceof RunStoppedError ? error : modelCallError(error, options.model.baseUrl);
  });
  running.catch(() => {}); // when the race is lost the late outcome is ignored

  try {
    const finished = await Promise.race([running, watchdog.expired, aborted]);
    const summary = finished.state.data.summary;
    if (!summary) throw new AgentDidNotFinishError(options.maxIterations);
    return { summary, modelCalls };
  } finally {
    // An abandoned network (timeout, lost lease) may still wake up: tools refuse, the router stops.
    stopped = true;
    watchdog.disarm();
  }
}

function lastAssistantText(output: Message[]): string {
  for (let i = output.length - 1; i >= 0; i--) {
    const message = output[i];
    if (message?.type === "text" && message.role === "assistant") {
      return typeof message.content === "string" ? message.content : message.content.map((c) => c.text).join("");
    }
  }
  return "";
}

function userText(content: string): Message {
  return { type: "text", role: "user", content };
}

async function exists(sandbox: Sandbox, path: string): Promise<boolean> {
  try {
    await sandbox.files.read(path);
    return true;
  } catch {
    return false;
  }
}
