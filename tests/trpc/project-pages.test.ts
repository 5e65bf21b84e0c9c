import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { createCaller } from "@/trpc/routers/_app";
import { createProject, createUserWithTeam } from "../support/factories";

/** projects.list in pages: a cursor on (updatedAt desc, id desc), values rather than a lookup. */
const callerFor = (auth: AuthContext) => createCaller({ db, auth });

/** `count` projects whose updatedAt are a second apart (the newest last), some sharing one instant. */
async function projectsOf(auth: AuthContext, count: number) {
  const base = Date.now() - count * 1000;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const project = await createProject(db, auth, `Project ${i}`);
    // Pairs share an updatedAt, so the id tiebreaker decides their order.
    await db.$executeRaw`UPDATE "Project" SET "updatedAt" = ${new Date(base + Math.floor(i / 2) * 1000)} WHERE "id" = ${project.id}`;
    ids.push(project.id);
  }
  return ids;
}

async function allPages(api: ReturnType<typeof callerFor>, limit: number, between?: (page: number) => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    const result: Awaited<ReturnType<typeof api.projects.list>> = await api.projects.list({ limit, cursor });
    expect(result.items.length).toBeLessThanOrEqual(limit);
    seen.push(...result.items.map((p) => p.id));
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
    await between?.(page);
  }
}

describe("projects.list pages", () => {
  it("walks every project exactly once, newest activity first, ties broken by id", async () => {
    const alice = await createUserWithTeam(db, "Alice");
    await projectsOf(alice, 23);
    const expected = (await db.project.findMany({ where: { teamId: alice.teamId }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }] })).map((p) => p.id);
    const api = callerFor(alice);

    expect(await allPages(api, 5)).toEqual(expected);
    expect(await allPages(api, 23)).toEqual(expected);
    const first = await api.projects.list();
    expect(first.items.map((p) => p.id)).toEqual(expected.slice(0, 23));
    expect(first.nextCursor).toBeNull();
  });

  it("shows no project twice and skips no untouched one while projects are touched between pages", async () => {
    const alice = await createUserWithTeam(db, "Alice");
    const ids = await projectsOf(alice, 20);
    const api = callerFor(alice);
    const touched = new Set<string>();
    const shownSoFar: string[] = [];

    const seen = await allPages(api, 4, async (page) => {
      // A project already shown and one not yet shown both get new activity (a rename, a run).
      const first = await api.projects.list({ limit: 4 * (page + 1) });
      shownSoFar.splice(0, shownSoFar.length, ...first.items.map((p) => p.id));
      const notYetShown = ids.find((id) => !shownSoFar.includes(id) && !touched.has(id));
      for (const id of [shownSoFar.at(-1), notYetShown]) {
        if (!id) continue;
        touched.add(id);
        await api.projects.rename({ projectId: id, name: `Touched ${touched.size}` });
      }
    });
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids.filter((id) => !touched.has(id))) expect(seen).toContain(id);
    // What was touched is at the top of a fresh first page.
    const fresh = await api.projects.list({ limit: touched.size });
    expect(new Set(fresh.items.map((p) => p.id))).toEqual(touched);
  });

  it("a cursor made from another team's project only positions the caller's own list", async () => {
    const alice = await createUserWithTeam(db, "Alice");
    const mallory = await createUserWithTeam(db, "Mallory");
    await projectsOf(alice, 3);
    const theirs = await createProject(db, mallory, "Mallory's secret");
    const foreign = `${theirs.updatedAt.getTime()}.${theirs.id}`;

    const page = await callerFor(alice).projects.list({ limit: 10, cursor: foreign });
    expect(page.items.every((p) => p.name.startsWith("Project "))).toBe(true);
    expect(page.items).toHaveLength(3); // all of Alice's are older than Mallory's newest
    expect((await callerFor(mallory).projects.list({ cursor: foreign })).items).toEqual([]);
  });

  it("refuses malformed cursors and limits as BAD_REQUEST", async () => {
    const alice = await createUserWithTeam(db, "Alice");
    const api = callerFor(alice);
    for (const input of [{ cursor: "not-a-cursor" }, { cursor: `1.${"x".repeat(65)}` }, { cursor: "1.a b" }, { limit: 0 }, { limit: 61 }, { limit: 1.5 }]) {
      const error = await api.projects.list(input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
    }
  });
});
