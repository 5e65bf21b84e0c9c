import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCaller } from "@/trpc/routers/_app";
import { createProject, createUserWithTeam } from "../support/factories";
import { rejection } from "../support/rejection";

const callerFor = (auth: Awaited<ReturnType<typeof createUserWithTeam>> | null) => createCaller({ db, auth });

async function codeOf(promise: Promise<unknown>) {
  const error = await rejection(promise);
  if (error instanceof TRPCError) return error.code;
  throw error;
}

describe("projects router", () => {
  it("lists, gets, renames and deletes the caller's own projects", async () => {
    const alice = await createUserWithTeam(db, "Alice");
    const project = await createProject(db, alice, "Landing page");
    const api = callerFor(alice);

    expect((await api.projects.list()).items.map((p) => p.name)).toEqual(["Landing page"]);
    expect((await api.projects.get({ projectId: project.id })).name).toBe("Landing page");
    expect((await api.projects.rename({ projectId: project.id, name: "  Pricing page " })).name).toBe("Pricing page");
    await api.projects.delete({ projectId: project.id });
    expect(await api.projects.list()).toEqual({ items: [], nextCursor: null });
  });

  it("answers NOT_FOUND for every procedure on another team's project and leaves it untouched", async () => {
    const alice = await createUserWithTeam(db, "Alice");
    const mallory = await createUserWithTeam(db, "Mallory");
    const project = await createProject(db, alice, "Secret");
    const api = callerFor(mallory);

    expect(await api.projects.list()).toEqual({ items: [], nextCursor: null });
    expect(await codeOf(api.projects.get({ projectId: project.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.projects.rename({ projectId: project.id, name: "pwned" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.projects.delete({ projectId: project.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.messages.list({ projectId: project.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.messages.create({ projectId: project.id, content: "make it red" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.runs.active({ projectId: project.id }))).toBe("NOT_FOUND");

    const unchanged = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(unchanged.name).toBe("Secret");
    expect(await db.message.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("requires a signed-in caller", async () => {
    const api = callerFor(null);
    expect(await codeOf(api.projects.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(api.usage.status())).toBe("UNAUTHORIZED");
  });

  it("rejects empty and oversized input with BAD_REQUEST and a clear message", async () => {
    const alice = await createUserWithTeam(db, "Alice");
    const project = await createProject(db, alice);
    const api = callerFor(alice);

    await expect(api.projects.rename({ projectId: project.id, name: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Give the project a name"),
    });
    expect(await codeOf(api.projects.rename({ projectId: project.id, name: "x".repeat(81) }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.projects.create({ content: "" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.projects.create({ content: "   \n " }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.projects.create({ content: "a".repeat(100_000) }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.messages.create({ projectId: project.id, content: "" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.projects.get({ projectId: "" }))).toBe("BAD_REQUEST");
    expect(await db.project.count({ where: { teamId: alice.teamId } })).toBe(1);
  });
});
