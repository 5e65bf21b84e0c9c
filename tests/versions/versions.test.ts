import "../generation/support/model-env";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { MAX_FILE_BYTES, MAX_FILES } from "@/modules/sandbox/server/paths";
import { createCaller } from "@/trpc/routers/_app";
import { createProject, createTeamMember, currentBalance } from "../generation/support/fixtures";
import { rejection } from "../support/rejection";
import { seedAgentVersion } from "./support/seed";

afterAll(() => stopBoss(env.DATABASE_URL));

const api = (auth: AuthContext) => createCaller({ db, auth });
const V1 = { "index.html": '<!doctype html><link rel="stylesheet" href="styles.css"><h1>One</h1>', "styles.css": "h1 { color: red; }" };
const V2 = { ...V1, "styles.css": "h1 { color: blue; }", "app.js": "console.log(2);" };
const V3 = { "index.html": V1["index.html"].replace("One", "Three"), "styles.css": V2["styles.css"] };

/** A project with v1 → v2 → v3, as three agent runs would have left it. */
async function threeVersions() {
  const { auth, team } = await createTeamMember(db, { credits: 5 });
  const project = await createProject(db, auth);
  const v1 = await seedAgentVersion(db, project.id, V1);
  const v2 = await seedAgentVersion(db, project.id, V2, v1.id);
  const v3 = await seedAgentVersion(db, project.id, V3, v2.id);
  return { auth, team, project, v1, v2, v3 };
}

const snapshot = (projectId: string) =>
  Promise.all([
    db.fragment.findMany({ where: { projectId }, orderBy: { number: "asc" }, select: { id: true, number: true } }),
    db.message.count({ where: { projectId } }),
  ]);

describe("version history", () => {
  it("lists versions newest first with their numbers, parents and origins", async () => {
    const { auth, project, v1, v2 } = await threeVersions();
    const list = await api(auth).versions.list({ projectId: project.id });
    expect(list.map((v) => [v.number, v.parentNumber, v.origin])).toEqual([
      [3, 2, "AGENT"],
      [2, 1, "AGENT"],
      [1, null, "AGENT"],
    ]);
    expect(list[1]).toMatchObject({ id: v2.id, parentId: v1.id });
  });

  it("numbers concurrent saves without gaps or duplicates (the project row lock)", async () => {
    const { auth, project, v3 } = await threeVersions();
    const saved = await Promise.all(
      [1, 2, 3, 4].map((n) => api(auth).versions.saveEdit({ baseVersionId: v3.id, files: { ...V3, "styles.css": `h1 { order: ${n}; }` } })),
    );
    expect(saved.map((s) => s.number).sort()).toEqual([4, 5, 6, 7]);
  });
});

describe("restore", () => {
  it("puts an old version's files at the head as a new version, with no credit and no run", async () => {
    const { auth, team, project, v1 } = await threeVersions();
    const balance = await currentBalance(db, team.id);
    const restored = await api(auth).versions.restore({ fragmentId: v1.id });
    expect(restored.number).toBe(4);
    const row = await db.fragment.findUniqueOrThrow({ where: { id: restored.fragmentId }, include: { message: true } });
    expect(row).toMatchObject({ origin: "RESTORE", parentId: v1.id, files: V1, title: "Restored v1" });
    expect(row.message).toMatchObject({ role: "ASSISTANT", kind: "RESULT" });
    expect(row.previewUrl).toBe(restored.previewUrl);
    expect(await currentBalance(db, team.id)).toBe(balance);
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("answers NOT_FOUND for another team's version and changes nothing", async () => {
    const { project, v1 } = await threeVersions();
    const stranger = await createTeamMember(db, { credits: 5 });
    const before = await snapshot(project.id);
    const error = await rejection<TRPCError>(api(stranger.auth).versions.restore({ fragmentId: v1.id }));
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "Version not found." });
    expect(await snapshot(project.id)).toEqual(before);
  });

  it("is refused while a run is active in the project, saying why", async () => {
    const { auth, project, v1 } = await threeVersions();
    await api(auth).messages.create({ projectId: project.id, content: "Make it green" });
    const before = await snapshot(project.id);
    const error = await rejection<TRPCError>(api(auth).versions.restore({ fragmentId: v1.id }));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/still running in this project.*Wait for it to finish, then restore/) });
    expect(await snapshot(project.id)).toEqual(before);
  });
});

describe("compare", () => {
  it("by default compares a version with the one it was built from", async () => {
    const { auth, v1, v2 } = await threeVersions();
    const diff = await api(auth).versions.compare({ toId: v2.id });
    expect(diff.from).toMatchObject({ id: v1.id, number: 1 });
    expect(diff.to).toMatchObject({ id: v2.id, number: 2 });
    expect(diff.files).toEqual([
      { path: "app.js", status: "added", before: null, after: "console.log(2);" },
      { path: "index.html", status: "unchanged", before: null, after: null },
      { path: "styles.css", status: "changed", before: "h1 { color: red; }", after: "h1 { color: blue; }" },
    ]);
  });

  it("compares any two versions of the project, and v1 with nothing", async () => {
    const { auth, v1, v2, v3 } = await threeVersions();
    const diff = await api(auth).versions.compare({ fromId: v3.id, toId: v1.id });
    expect(diff.files.map((f) => [f.path, f.status])).toEqual([
      ["index.html", "changed"],
      ["styles.css", "changed"],
    ]);
    const first = await api(auth).versions.compare({ toId: v1.id });
    expect(first.from).toBeNull();
    expect(first.files.every((f) => f.status === "added")).toBe(true);
    expect((await api(auth).versions.compare({ fromId: v1.id, toId: v2.id })).files.find((f) => f.path === "app.js")?.status).toBe("added");
  });

  it("refuses versions of two projects, or another team's", async () => {
    const { auth, v1 } = await threeVersions();
    const other = await seedAgentVersion(db, (await createProject(db, auth, "Other")).id, V1);
    expect(await rejection(api(auth).versions.compare({ fromId: other.id, toId: v1.id }))).toMatchObject({ code: "NOT_FOUND" });
    const stranger = await createTeamMember(db);
    expect(await rejection(api(stranger.auth).versions.compare({ toId: v1.id }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("hand edits", () => {
  it("saves edited, added, renamed and deleted files as the next version built from the edited one, at no credit", async () => {
    const { auth, team, v2 } = await threeVersions();
    const balance = await currentBalance(db, team.id);
    const files = { "index.html": V2["index.html"], "css/site.css": "h1 { color: green; }", "main.js": V2["app.js"] };
    const saved = await api(auth).versions.saveEdit({ baseVersionId: v2.id, files });
    const row = await db.fragment.findUniqueOrThrow({ where: { id: saved.fragmentId }, include: { message: true } });
    expect(row).toMatchObject({ number: 4, origin: "EDIT", parentId: v2.id, files });
    expect(row.message.content).toMatch(/^Edited by hand from v2: /);
    expect(await currentBalance(db, team.id)).toBe(balance);
  });

  it("normalises paths the way the agent's file tool does", async () => {
    const { auth, v1 } = await threeVersions();
    const saved = await api(auth).versions.saveEdit({ baseVersionId: v1.id, files: { "./index.html": V1["index.html"], "css//a.css": "a{}" } });
    expect((await db.fragment.findUniqueOrThrow({ where: { id: saved.fragmentId } })).files).toEqual({ "index.html": V1["index.html"], "css/a.css": "a{}" });
    // What the client caches for the new version is what was stored.
    expect(saved.files).toEqual({ "index.html": V1["index.html"], "css/a.css": "a{}" });
    expect(saved.message.fragment).toMatchObject({ id: saved.fragmentId, number: 4, origin: "EDIT", previewUrl: saved.previewUrl });
  });

  it.each([
    ["a path that escapes", { "../etc/passwd": "x" }, /"\.\.\/etc\/passwd" is not allowed: it contains "\.\."/],
    ["an absolute path", { "/etc/passwd": "x" }, /is not allowed: it is absolute/],
    ["a backslash", { "a\\b.css": "x" }, /contains a backslash/],
    ["a file over the size limit", { "big.css": "a".repeat(MAX_FILE_BYTES + 1) }, /the limit is 512 KB per file/],
    ["too many files", Object.fromEntries(Array.from({ length: MAX_FILES + 1 }, (_, i) => [`f${i}.txt`, "x"])), /at most 200 files/],
    ["too many bytes in all", Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, "a".repeat(500 * 1024)])), /more than 2 MB/],
    ["no files", {}, /at least one file/],
    ["two paths that are one", { "a.css": "x", "./a.css": "y" }, /Two files would be saved as "a.css"/],
    ["nothing changed", V1, /Nothing changed/],
  ])("refuses %s with a clear error and saves nothing", async (_name, files, message) => {
    const { auth, project, v1 } = await threeVersions();
    const before = await snapshot(project.id);
    const error = await rejection<TRPCError>(api(auth).versions.saveEdit({ baseVersionId: v1.id, files }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    expect(await snapshot(project.id)).toEqual(before);
  });

  it("refuses NUL in a file at the input (textInput)", async () => {
    const { auth, v1 } = await threeVersions();
    expect(await rejection(api(auth).versions.saveEdit({ baseVersionId: v1.id, files: { "a.css": "a\0b" } }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is refused while a run is active, and for another team's version", async () => {
    const { auth, project, v1 } = await threeVersions();
    const stranger = await createTeamMember(db);
    expect(await rejection(api(stranger.auth).versions.saveEdit({ baseVersionId: v1.id, files: { "a.css": "x" } }))).toMatchObject({ code: "NOT_FOUND" });
    await api(auth).messages.create({ projectId: project.id, content: "Make it green" });
    const before = await snapshot(project.id);
    const error = await rejection<TRPCError>(api(auth).versions.saveEdit({ baseVersionId: v1.id, files: { "a.css": "x" } }));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/then save your edits — history stays one line/) });
    expect(await snapshot(project.id)).toEqual(before);
  });
});

describe("prompts sent from a version", () => {
  it("record the version on screen as the run's base; the latest by default", async () => {
    const { auth, project, v1, v3 } = await threeVersions();
    const sent = await api(auth).messages.create({ projectId: project.id, content: "Make it green", baseVersionId: v1.id });
    expect((await db.run.findUniqueOrThrow({ where: { id: sent.runId } })).baseFragmentId).toBe(v1.id);
    await db.run.update({ where: { id: sent.runId }, data: { status: "CANCELLED" } });
    const latest = await api(auth).messages.create({ projectId: project.id, content: "Make it pink" });
    expect((await db.run.findUniqueOrThrow({ where: { id: latest.runId } })).baseFragmentId).toBe(v3.id);
  });

  it("refuse a base version of another project, taking no credit", async () => {
    const { auth, team, project } = await threeVersions();
    const elsewhere = await seedAgentVersion(db, (await createProject(db, auth, "Other")).id, V1);
    const balance = await currentBalance(db, team.id);
    const error = await rejection<TRPCError>(api(auth).messages.create({ projectId: project.id, content: "Hi", baseVersionId: elsewhere.id }));
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "That version is not in this project." });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(0);
    expect(await currentBalance(db, team.id)).toBe(balance);
  });
});
