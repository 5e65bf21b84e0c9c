import { afterAll, expect, it } from "vitest";
import { reply, startScriptedOpenAI } from "../support/scripted-openai";

// Everything from env, as in the server: the model is configured the way an operator would
// (OPENAI_* before start-up), jobs default to the embedded runner, no deps are injected. App
// modules are imported only after env is set, since "@/env" reads it once.
const model = await startScriptedOpenAI();
process.env.OPENAI_BASE_URL = model.baseUrl;
process.env.OPENAI_MODEL = "scripted-model";
const { db } = await import("@/lib/db/client");
const { startBackgroundServices, stopBackgroundServices } = await import("@/modules/jobs/server/background");
const { createProjectFromPrompt } = await import("@/modules/generation/server/send-prompt");
const { createTeamMember } = await import("./support/fixtures");
const { waitForRun } = await import("./support/harness");

afterAll(async () => {
  await stopBackgroundServices();
  await model.close();
});

it("startBackgroundServices wires the env-configured ports, runs prompts end to end, and starts once per process", async () => {
  await Promise.all([startBackgroundServices(), startBackgroundServices()]);
  await startBackgroundServices();
  const listeners = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM pg_stat_activity
    WHERE application_name = 'ollio-jobs-listener' AND datname = current_database()`;
  expect(Number(listeners[0]?.count)).toBe(1);

  const { auth } = await createTeamMember(db, { credits: 2 });
  model.conversation("[from-env]", [
    reply.writeFiles({ "index.html": '<!doctype html><html lang="en"><title>x</title><h1>From env</h1></html>' }),
    reply.summary("Configured from the environment."),
  ]);
  const sent = await createProjectFromPrompt(db, { auth, content: "Wired from env [from-env]" });
  expect(await waitForRun(sent.runId)).toMatchObject({ status: "SUCCEEDED" });
  const fragment = await db.fragment.findFirstOrThrow({ where: { projectId: sent.projectId } });
  expect(fragment.title).toBe("Configured from the environment");
});
