/**
 * One Ollio app process, as a separate OS process, for the multi-process test and the scale-out
 * bench: `fork()`ed with `--import tsx`, it runs what a server process runs beside Next — the
 * real background services (local job worker + run sweeper, startBackgroundServices) and a
 * preview server — against DATABASE_URL, and answers requests over the IPC channel by calling
 * the real domain functions (send a prompt, poll a project, sweep now).
 *
 * Without OPENAI_BASE_URL it starts its own zero-latency scripted model (tests/support), so the
 * requests that model saw tell which process executed which run. argv[2]: JSON of AppProcessConfig.
 */
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { processCpu } from "../../../scripts/bench/support/proc-cpu";
import { startScriptedOpenAI, type ScriptedOpenAI } from "../../support/scripted-openai";
import { scriptPageAuthor } from "./page-author-script";

export type AppProcessConfig = {
  /** Workflow settings over the defaults (e.g. { pageCheck: false }). */
  settings?: Record<string, unknown>;
  sweepIntervalMs?: number;
};

export type AppProcessRequest =
  | { type: "send"; auth: AuthContext; content: string }
  | { type: "poll"; auth: AuthContext; projectId: string }
  | { type: "sweep" }
  | { type: "model-requests" }
  | { type: "cpu" }
  | { type: "stop" };

const config = JSON.parse(process.argv[2] ?? "{}") as AppProcessConfig;

let ownModel: ScriptedOpenAI | null = null;
if (!process.env.OPENAI_BASE_URL) {
  ownModel = await startScriptedOpenAI();
  scriptPageAuthor(ownModel);
  process.env.OPENAI_BASE_URL = ownModel.baseUrl;
  process.env.OPENAI_MODEL = ownModel.model.model;
}

// App modules read env when first imported, so they load only now.
const { db } = await import("@/lib/db/client");
const { createWorkflowDeps } = await import("@/modules/generation/server/default-workflow-deps");
const { defaultWorkflowSettings } = await import("@/modules/generation/server/workflow-deps");
const { createProjectFromPrompt } = await import("@/modules/generation/server/send-prompt");
const { startBackgroundServices, stopBackgroundServices } = await import("@/modules/jobs/server/background");
const { getJobs } = await import("@/modules/jobs/server");
const { startPreviewServer } = await import("@/modules/preview/server/preview-server");
const { pollProject } = await import("@/modules/runs/server/queries");
const { sweepRuns, logSweep } = await import("@/modules/runs/server/sweeper");

const deps = createWorkflowDeps({ settings: { ...defaultWorkflowSettings(), ...config.settings } });
await startBackgroundServices({ worker: { deps }, sweepIntervalMs: config.sweepIntervalMs });
const preview = await startPreviewServer({ port: 0, host: "127.0.0.1" });

async function handle(request: AppProcessRequest): Promise<unknown> {
  switch (request.type) {
    case "send":
      return createProjectFromPrompt(db, { auth: request.auth, content: request.content });
    case "poll":
      return pollProject(db, request.auth, request.projectId);
    case "sweep": {
      // The same pass the background sweeper makes every interval, now (to race another process's).
      const result = await sweepRuns(db, { jobs: await getJobs() });
      logSweep(result);
      return result;
    }
    case "model-requests":
      // Which runs this process's model was asked about, one entry per chat completion.
      return (ownModel?.requests ?? []).map((r) => r.body.messages.find((m) => m.role === "user")?.content ?? "");
    case "cpu":
      return processCpu();
    case "stop":
      await stopBackgroundServices();
      await preview.close();
      await ownModel?.close();
      await db.$disconnect();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on("message", (message: { id: number; request: AppProcessRequest }) => {
  handle(message.request).then(
    (result) => process.send!({ id: message.id, ok: true, result }),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent went away: do not linger holding database connections and sandboxes.
process.on("disconnect", () => process.exit(1));

process.send!({ ready: true, pid: process.pid, previewUrl: preview.url, modelUrl: ownModel?.baseUrl ?? null });
