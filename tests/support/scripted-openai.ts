import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OpenAI-compatible chat-completions server for tests: POST …/chat/completions answers from a
 * script instead of a model. It is the only test double in the generation tests — the real
 * agent-kit network, tools, sandbox, database and job runners run against it.
 *
 * Replies are consumed in order, either from the default queue or from a conversation picked by
 * a marker string found in the request's first user message (so parallel runs get their own).
 * Every request is recorded so a test can assert what the model was shown, with the key it
 * was sent with and the token `usage` it was answered with (a reply's own, else an estimate of
 * about four characters per token). GET …/models lists the served models; with `acceptKeys`
 * set, it refuses other keys with 401, as a provider checks keys.
 */

export type ScriptedToolCall = {
  name: string;
  /** An object is sent JSON-encoded; a string is sent verbatim (use it for malformed JSON). */
  arguments: unknown;
};

export type ScriptedUsage = { prompt_tokens: number; completion_tokens: number };

export type ScriptedReply =
  | { kind: "message"; content?: string; toolCalls?: ScriptedToolCall[]; delayMs?: number; usage?: ScriptedUsage }
  | { kind: "http-error"; status: number; body: unknown; delayMs?: number };

export type RecordedRequest = {
  path: string;
  body: ChatCompletionRequest;
  /** Which conversation answered ("default" for the shared queue). */
  conversation: string;
  receivedAt: number;
  /** The bearer token the request carried. */
  apiKey: string | null;
  /** The `usage` the reply carried (null for HTTP errors). */
  usage: ScriptedUsage | null;
};

export type ChatMessage = {
  role: string;
  content?: string | null;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
};
export type ChatCompletionRequest = { model: string; messages: ChatMessage[]; tools?: { function: { name: string } }[] };

/** Reply builders for the common cases. */
export const reply = {
  text(content: string, delayMs?: number): ScriptedReply {
    return { kind: "message", content, delayMs };
  },
  summary(summary: string, delayMs?: number): ScriptedReply {
    return { kind: "message", content: `All done.\n<task_summary>\n${summary}\n</task_summary>`, delayMs };
  },
  toolCall(name: string, args: unknown, delayMs?: number): ScriptedReply {
    return { kind: "message", toolCalls: [{ name, arguments: args }], delayMs };
  },
  writeFiles(files: Record<string, string>, delayMs?: number): ScriptedReply {
    const list = Object.entries(files).map(([path, content]) => ({ path, content }));
    return reply.toolCall("createOrUpdateFiles", { files: list }, delayMs);
  },
  readFiles(paths: string[]): ScriptedReply {
    return reply.toolCall("readFiles", { files: paths });
  },
  terminal(command: string): ScriptedReply {
    return reply.toolCall("terminal", { command });
  },
  /** A tool call whose arguments are not valid JSON. */
  malformedToolCall(name: string, rawArguments = '{"files": [{"path": "index.html", "content": <html>'): ScriptedReply {
    return { kind: "message", toolCalls: [{ name, arguments: rawArguments }] };
  },
  httpError(status: number, message = "The scripted model failed on purpose.", delayMs?: number): ScriptedReply {
    return { kind: "http-error", status, body: { error: { message, type: "server_error", code: null } }, delayMs };
  },
};

export type ScriptedOpenAI = {
  /** Base URL to use as OPENAI_BASE_URL, e.g. http://127.0.0.1:1234/v1 */
  baseUrl: string;
  /** A ready ModelConfig for this server. */
  model: { baseUrl: string; model: string; apiKey: string };
  /** Appends replies to the shared queue. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Replies for requests whose first user message contains `marker`. */
  conversation(marker: string, replies: ScriptedReply[]): void;
  /** Replies once a queue is empty: by default an HTTP 500 saying so. */
  whenExhausted(fallback: (request: ChatCompletionRequest) => ScriptedReply): void;
  requests: RecordedRequest[];
  requestsFor(marker: string): RecordedRequest[];
  /** Replies still queued, by conversation. */
  remaining(): Record<string, number>;
  /** Keys GET /models accepts (unset: any). */
  acceptKeys(keys: string[] | null): void;
  /** Keys GET /models was called with, in order. */
  modelListKeys: (string | null)[];
  close(): Promise<void>;
};

export async function startScriptedOpenAI(): Promise<ScriptedOpenAI> {
  const queues = new Map<string, ScriptedReply[]>([["default", []]]);
  const requests: RecordedRequest[] = [];
  const modelListKeys: (string | null)[] = [];
  let acceptedKeys: string[] | null = null;
  let fallback: (request: ChatCompletionRequest) => ScriptedReply = () =>
    reply.httpError(500, "Scripted model: no reply left in the script.");

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const apiKey = req.headers.authorization?.replace(/^Bearer /, "") ?? null;
      if (req.method === "GET" && req.url?.endsWith("/models")) {
        modelListKeys.push(apiKey);
        if (acceptedKeys && !acceptedKeys.includes(apiKey ?? "")) {
          return send(res, 401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error" } });
        }
        return send(res, 200, { object: "list", data: [{ id: "scripted-model", object: "model" }] });
      }
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        return send(res, 404, { error: { message: `No route for ${req.method} ${req.url}` } });
      }
      let body: ChatCompletionRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatCompletionRequest;
      } catch {
        return send(res, 400, { error: { message: "Request body is not JSON." } });
      }
      const conversation = conversationFor(body, queues);
      const next = queues.get(conversation)?.shift() ?? fallback(body);
      const answer = next.kind === "message" ? completion(body, next) : null;
      requests.push({ path: req.url, body, conversation, receivedAt: Date.now(), apiKey, usage: answer?.usage ?? null });
      const respond = () => (next.kind === "http-error" ? send(res, next.status, next.body) : send(res, 200, answer));
      if (next.delayMs) setTimeout(respond, next.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/v1`;

  return {
    baseUrl,
    model: { baseUrl, model: "scripted-model", apiKey: "test-key" },
    enqueue: (...replies) => queues.get("default")!.push(...replies),
    conversation: (marker, replies) => queues.set(marker, [...(queues.get(marker) ?? []), ...replies]),
    whenExhausted: (next) => {
      fallback = next;
    },
    requests,
    requestsFor: (marker) => requests.filter((r) => r.conversation === marker),
    remaining: () => Object.fromEntries([...queues].map(([key, queue]) => [key, queue.length])),
    acceptKeys: (keys) => {
      acceptedKeys = keys;
    },
    modelListKeys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The conversation whose marker appears last in the first user message: a follow-up's prompt
 * quotes earlier turns (with their markers) before the new request.
 */
function conversationFor(body: ChatCompletionRequest, queues: Map<string, ScriptedReply[]>): string {
  const firstUser = body.messages?.find((m) => m.role === "user")?.content ?? "";
  let best = { marker: "default", at: -1 };
  for (const marker of queues.keys()) {
    const at = marker === "default" ? -1 : firstUser.lastIndexOf(marker);
    if (at > best.at) best = { marker, at };
  }
  return best.marker;
}

function completion(request: ChatCompletionRequest, next: Extract<ScriptedReply, { kind: "message" }>) {
  const toolCalls = next.toolCalls?.map((call) => ({
    id: `call_${randomBytes(6).toString("hex")}`,
    type: "function",
    function: {
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
  return {
    id: `chatcmpl-${randomBytes(8).toString("hex")}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        finish_reason: toolCalls?.length ? "tool_calls" : "stop",
        message: { role: "assistant", content: next.content ?? null, ...(toolCalls?.length ? { tool_calls: toolCalls } : {}) },
      },
    ],
    usage: withTotal(next.usage ?? estimateUsage(request, next.content ?? "", toolCalls)),
  };
}

function estimateUsage(request: ChatCompletionRequest, content: string, toolCalls: unknown): ScriptedUsage {
  const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
  return { prompt_tokens: tokens(JSON.stringify(request.messages ?? [])), completion_tokens: tokens(content + JSON.stringify(toolCalls ?? "")) };
}

function withTotal(usage: ScriptedUsage) {
  return { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
  res.end(text);
}
