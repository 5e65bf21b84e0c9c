import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ScriptedOpenAI } from "../../support/scripted-openai";
import { buildNextAppOnce, startNextApp, type AppEnv, type NextApp } from "./next-app";
import { startUIModel } from "./ui-model";

/** For a browser test's beforeAll: the first file may have to build the app. */
export const BROWSER_SETUP_TIMEOUT = 10 * 60_000;

export type BrowserTestApp = { model: ScriptedOpenAI; sandboxRoot: string; env: AppEnv; app: NextApp };

/**
 * What every browser test runs against: the scripted model, a sandbox root of its own (so a test
 * can see its sandboxes go), and a production build of this checkout started on the file's own
 * database. `extraEnv` adds to (or overrides) the app's environment.
 */
export async function startBrowserTestApp(extraEnv: AppEnv = {}): Promise<BrowserTestApp> {
  const model = await startUIModel();
  const sandboxRoot = await mkdtemp(path.join(os.tmpdir(), "ollio-browser-sandboxes-"));
  const env: AppEnv = {
    DATABASE_URL: process.env.DATABASE_URL,
    OPENAI_BASE_URL: model.baseUrl,
    OPENAI_MODEL: "scripted-model",
    OPENAI_API_KEY: "test-key",
    SANDBOX_ROOT: sandboxRoot,
    ...extraEnv,
  };
  try {
    await buildNextAppOnce(env);
    return { model, sandboxRoot, env, app: await startNextApp(env) };
  } catch (error) {
    await stopBrowserTestApp({ model, sandboxRoot });
    throw error;
  }
}

/** For afterAll: stops whatever was started (a test may have restarted its app meanwhile). */
export async function stopBrowserTestApp({ app, model, sandboxRoot }: Partial<BrowserTestApp>): Promise<void> {
  await app?.stop();
  await model?.close();
  if (sandboxRoot) await rm(sandboxRoot, { recursive: true, force: true });
}
