import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { AppProcessConfig, AppProcessRequest } from "./app-process";

const SCRIPT = path.join(import.meta.dirname, "app-process.ts");
const ROOT = path.resolve(import.meta.dirname, "../../..");

export type AppProcess = {
  name: string;
  pid: number;
  previewUrl: string;
  /** Its own scripted model's URL (null when it was given OPENAI_BASE_URL). */
  modelUrl: string | null;
  /** Every line it wrote to stdout and stderr so far. */
  output: string[];
  request<T = unknown>(request: AppProcessRequest): Promise<T>;
  /** Stops its background services (running jobs finish) and waits for it to exit. */
  stop(): Promise<void>;
};

/**
 * Starts tests/generation/support/app-process.ts as a separate Node process (`node --import tsx`),
 * with this process's environment (DATABASE_URL: this test file's database) plus `env`.
 */
export async function startAppProcess(name: string, config: AppProcessConfig = {}, env: Record<string, string> = {}): Promise<AppProcess> {
  const child: ChildProcess = fork(SCRIPT, [JSON.stringify(config)], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    // Structured clone: Dates in poll answers arrive as Dates.
    serialization: "advanced",
  });
  const output: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let rest = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      output.push(...lines);
    });
  };
  collect(child.stdout);
  collect(child.stderr);

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then((code) => {
    for (const { reject } of pending.values()) reject(new Error(`app process ${name} exited (${code})`));
    pending.clear();
  });

  const ready = await new Promise<{ pid: number; previewUrl: string; modelUrl: string | null }>((resolve, reject) => {
    const onMessage = (message: { ready?: boolean; pid: number; previewUrl: string; modelUrl: string | null }) => {
      if (message.ready) resolve(message);
    };
    child.on("message", onMessage);
    void exited.then((code) => reject(new Error(`app process ${name} exited (${code}) before it was ready:\n${output.join("\n")}`)));
  });
  child.on("message", (message: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id!);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(`app process ${name}: ${message.error}`));
  });

  const request = <T,>(req: AppProcessRequest) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, request: req });
    });
  let stopped: Promise<void> | null = null;
  return {
    name,
    ...ready,
    output,
    request,
    stop() {
      stopped ??= (async () => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        if (child.exitCode === null) void request({ type: "stop" }).catch(() => {});
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}
