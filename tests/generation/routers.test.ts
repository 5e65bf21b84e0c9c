import "./support/model-env";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { failRun } from "@/modules/runs/server/fail-run";
import { createCaller } from "@/trpc/routers/_app";
import { createProject, createTeamMember, currentBalance, ledgerKinds } from "./support/fixtures";
import { previewUrlFor } from "@/modules/preview/server/preview-url";

afterAll(() => stopBoss(env.DATABASE_URL));

const callerFor = (auth: AuthContext) => createCaller({ db, auth });

async function trpcError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("messages and runs routers", () => {
  it("messages.create queues a prompt; messages.list returns the conversation oldest first with fragments and run state", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const api = callerFor(auth);

    const sent = await api.messages.create({ projectId: project.id, content: "A signup form", clientKey: "router-key-1" });
    // A finished earlier version, as the workflow would have saved it.
    await db.run.update({ where: { id: sent.runId }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
    const answer = await db.message.create({ data: { projectId: project.id, role: "ASSISTANT", kind: "RESULT", content: "Built it." } });
    const fragment = await db.fragment.create({
      data: { messageId: answer.id, projectId: project.id, number: 1, title: "Signup", files: { "index.html": "<h1>Hi</h1>" }, previewUrl: "http://preview/f/x/" },
    });

    const messages = await api.messages.list({ projectId: project.id });
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ["USER", "A signup form"],
      ["ASSISTANT", "Built it."],
    ]);
    expect(messages[0]?.run).toEqual({ id: sent.runId, status: "SUCCEEDED", error: null });
    // The preview URL follows today's PREVIEW_ORIGIN, not what was stored; files come separately.
    expect(messages[1]?.fragment).toEqual({
      id: fragment.id,
      number: 1,
      parentId: null,
      origin: "AGENT",
      title: "Signup",
      previewUrl: previewUrlFor(fragment.previewToken),
      sandboxUrl: null,
      createdAt: fragment.createdAt,
      // Not checked (a fragment written directly): no verdict, problems or screenshots.
      checkStatus: null,
      problems: [],
      screenshots: [],
    });
    expect(await api.messages.fragmentFiles({ fragmentId: fragment.id })).toEqual({
      id: fragment.id,
      files: { "index.html": "<h1>Hi</h1>" },
    });
  });

  it("runs.active returns the queued run, then the latest one once it has finished", async () => {
    const { auth } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const api = callerFor(auth);
    expect(await api.runs.active({ projectId: project.id })).toBeNull();

    const sent = await api.messages.create({ projectId: project.id, content: "A navbar" });
    expect(await api.runs.active({ projectId: project.id })).toMatchObject({ id: sent.runId, status: "QUEUED", progress: [], error: null });

    await failRun(db, sent.runId, "The AI model returned an error: boom");
    expect(await api.runs.active({ projectId: project.id })).toMatchObject({
      id: sent.runId,
      status: "FAILED",
      error: "The AI model returned an error: boom",
      finishedAt: expect.any(Date),
    });
  });

  it("runs.retry re-sends a failed run's prompt as a new run with a new reservation, once", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 5 });
    const project = await createProject(db, auth);
    const api = callerFor(auth);
    const sent = await api.messages.create({ projectId: project.id, content: "A gallery" });
    await failRun(db, sent.runId, "Sandbox gone.");
    expect(await currentBalance(db, team.id)).toBe(5);

    const [retried, again] = await Promise.all([api.runs.retry({ runId: sent.runId }), api.runs.retry({ runId: sent.runId })]);
    expect(retried.runId).not.toBe(sent.runId);
    expect(again.runId).toBe(retried.runId);
    const newRun = await db.run.findUniqueOrThrow({ where: { id: retried.runId }, include: { userMessage: true } });
    expect(newRun).toMatchObject({ status: "QUEUED", projectId: project.id });
    expect(newRun.userMessage.content).toBe("A gallery");
    expect(await ledgerKinds(db, retried.runId)).toEqual(["RESERVE"]);
    expect(await currentBalance(db, team.id)).toBe(4);

    const notFailed = await trpcError(api.runs.retry({ runId: retried.runId }));
    expect(notFailed.code).toBe("CONFLICT");
  });

  it("answers another team's project or run as NOT_FOUND, revealing nothing", async () => {
    const owner = await createTeamMember(db, { credits: 5 });
    const stranger = callerFor((await createTeamMember(db, { credits: 5 })).auth);
    const project = await createProject(db, owner.auth);
    const sent = await callerFor(owner.auth).messages.create({ projectId: project.id, content: "Private" });
    await failRun(db, sent.runId, "failed");
    const answer = await db.message.create({ data: { projectId: project.id, role: "ASSISTANT", content: "Built." } });
    const fragment = await db.fragment.create({
      data: { messageId: answer.id, projectId: project.id, number: 1, title: "Private", files: { "index.html": "secret" } },
    });

    for (const attempt of [
      () => stranger.messages.list({ projectId: project.id }),
      () => stranger.messages.fragmentFiles({ fragmentId: fragment.id }),
      () => stranger.messages.create({ projectId: project.id, content: "Sneaky" }),
      () => stranger.runs.active({ projectId: project.id }),
      () => stranger.runs.retry({ runId: sent.runId }),
      () => stranger.runs.cancel({ runId: sent.runId }),
    ]) {
      const error = await trpcError(attempt());
      expect(error.code).toBe("NOT_FOUND");
    }
    expect(await db.message.count({ where: { projectId: project.id, role: "USER" } })).toBe(1);
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("validates inputs with limits", async () => {
    const { auth } = await createTeamMember(db);
    const api = callerFor(auth);
    const project = await createProject(db, auth);
    const invalid = [
      () => api.messages.create({ projectId: project.id, content: "x".repeat(4001) }),
      () => api.messages.create({ projectId: project.id, content: "   " }),
      () => api.messages.create({ projectId: project.id, content: "ok", clientKey: "short" }),
      () => api.messages.list({ projectId: "p".repeat(65) }),
      () => api.runs.active({ projectId: "" }),
      () => api.runs.retry({ runId: "r".repeat(65) }),
    ];
    for (const attempt of invalid) expect((await trpcError(attempt())).code).toBe("BAD_REQUEST");
  });

  it("refuses signed-out callers", async () => {
    const anonymous = createCaller({ db, auth: null });
    expect((await trpcError(anonymous.messages.list({ projectId: "x" }))).code).toBe("UNAUTHORIZED");
    expect((await trpcError(anonymous.runs.active({ projectId: "x" }))).code).toBe("UNAUTHORIZED");
  });
});
