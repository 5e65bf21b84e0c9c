import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createDbClient, db, type Db } from "@/lib/db/client";
import { NUL_CHARACTER_MESSAGE } from "@/lib/text-input";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { signIn, signUp } from "@/modules/auth/server/local-accounts";
import { INTERNAL_ERROR_MESSAGE } from "@/trpc/error-shape";
import { appRouter } from "@/trpc/routers/_app";
import { createProject, createUserWithTeam } from "../support/factories";

/**
 * What a browser gets back from /api/trpc: requests go through tRPC's fetch adapter (the same
 * handler the route uses), with the caller's identity given directly instead of a cookie.
 */
async function call(auth: AuthContext | null, path: string, input: unknown, { kind = "mutation", database = db as Db } = {}) {
  const encoded = JSON.stringify({ json: input });
  const url = `http://localhost/api/trpc/${path}${kind === "query" ? `?input=${encodeURIComponent(encoded)}` : ""}`;
  const request = new Request(url, kind === "query" ? {} : { method: "POST", body: encoded, headers: { "content-type": "application/json" } });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => ({ db: database, auth }),
    onError: () => {},
  });
  const body = (await response.json()) as { error?: { json: { message: string; data: { code: string; stack?: string } } } };
  return { status: response.status, error: body.error?.json, text: JSON.stringify(body) };
}

// Text the database or its driver would put in an error message.
const INTERNAL_TEXT = /prisma|postgres|invalid byte sequence|0x00|invocation|\bat \w+ \(|node_modules/i;

afterEach(() => vi.unstubAllEnvs());

describe("a NUL character in any string input", () => {
  it("is refused with BAD_REQUEST by every procedure that takes a string, quoting nothing internal", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const alice = await createUserWithTeam(db, "Alice");
    const project = await createProject(db, alice, "Mine");
    const nul = "abc\u0000def";
    const cases: [string, unknown, "query" | "mutation"][] = [
      ["projects.get", { projectId: nul }, "query"],
      ["projects.rename", { projectId: project.id, name: `Pricing${nul}` }, "mutation"],
      ["projects.rename", { projectId: nul, name: "Pricing" }, "mutation"],
      ["projects.delete", { projectId: nul }, "mutation"],
      ["projects.create", { content: `A landing page ${nul}` }, "mutation"],
      ["projects.create", { content: "A landing page", clientKey: `key-${nul}-0123` }, "mutation"],
      ["messages.list", { projectId: nul }, "query"],
      ["messages.fragmentFiles", { fragmentId: nul }, "query"],
      ["messages.create", { projectId: project.id, content: `Make it red ${nul}` }, "mutation"],
      ["messages.create", { projectId: nul, content: "Make it red" }, "mutation"],
      ["runs.active", { projectId: nul }, "query"],
      ["runs.retry", { runId: nul }, "mutation"],
      ["runs.cancel", { runId: nul }, "mutation"],
    ];
    for (const [path, input, kind] of cases) {
      const { status, error, text } = await call(alice, path, input, { kind });
      expect({ path, status, code: error?.data.code }).toEqual({ path, status: 400, code: "BAD_REQUEST" });
      expect(text).toContain(NUL_CHARACTER_MESSAGE.replace(/\\/g, "\\\\"));
      expect(text, path).not.toMatch(INTERNAL_TEXT);
    }
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe("Mine");
  });

  it("is refused by sign-up and sign-in as a form error, creating nothing", async () => {
    const email = `nul-${Date.now()}@example.com`;
    await expect(signUp({ email, password: "a long enough password", name: "Nul\u0000l" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: NUL_CHARACTER_MESSAGE,
    });
    await expect(signUp({ email: `${email}\u0000`, password: "a long enough password" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(signIn({ email, password: "pass\u0000word" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe("input over the server's limits", () => {
  it("answers one readable message (the first issue's), and keeps the issues for forms", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const alice = await createUserWithTeam(db, "Alice");
    const { status, error } = await call(alice, "projects.create", { content: "x".repeat(100_000) });
    expect(status).toBe(400);
    expect(error?.message).toBe("Prompts can be at most 4,000 characters.");
    expect((error?.data as { zodError?: { fieldErrors: Record<string, string[]> } }).zodError?.fieldErrors.content).toEqual([
      "Prompts can be at most 4,000 characters.",
    ]);
    expect(await db.project.count({ where: { teamId: alice.teamId } })).toBe(0);
  });

  it("reads the same in development", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const alice = await createUserWithTeam(db, "Alice");
    const { error } = await call(alice, "projects.create", { content: "x".repeat(4001) });
    expect(error?.message).toBe("Prompts can be at most 4,000 characters.");
  });
});

describe("internal errors", () => {
  // A real failure with a revealing message: the database this client points at does not exist.
  const brokenDb = createDbClient(process.env.DATABASE_URL!.replace(/\/([^/?]+)(\?|$)/, "/no_such_database_x$2"));
  afterAll(() => brokenDb.$disconnect());

  it("reach production clients as a generic message without a stack", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const alice = await createUserWithTeam(db, "Alice");
    const { status, error, text } = await call(alice, "projects.list", undefined, { kind: "query", database: brokenDb });
    expect(status).toBe(500);
    expect(error).toMatchObject({ message: INTERNAL_ERROR_MESSAGE, data: { code: "INTERNAL_SERVER_ERROR" } });
    expect(error?.data.stack).toBeUndefined();
    expect(text).not.toMatch(/no_such_database_x/);
    expect(text).not.toMatch(INTERNAL_TEXT);
  });

  it("keep their detail in development, where the developer is the client", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const alice = await createUserWithTeam(db, "Alice");
    const { status, text } = await call(alice, "projects.list", undefined, { kind: "query", database: brokenDb });
    expect(status).toBe(500);
    expect(text).toMatch(/no_such_database_x/);
  });

  it("do not hide AppError messages, which are written for the user", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const alice = await createUserWithTeam(db, "Alice");
    const { status, error } = await call(alice, "projects.get", { projectId: "c".repeat(25) }, { kind: "query" });
    expect(status).toBe(404);
    expect(error?.message).toMatch(/project/i);
    expect(error?.message).not.toBe(INTERNAL_ERROR_MESSAGE);
    expect(error?.data.stack).toBeUndefined();
  });
});
