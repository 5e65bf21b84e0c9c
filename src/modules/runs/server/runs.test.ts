import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProject, createTeamMember } from "../../../../tests/generation/support/fixtures";
import { claimRun } from "./claim";
import { heartbeatRun, releaseRun } from "./lease";
import { appendProgress, progressEntry, type ProgressEntry } from "./progress";
import { PROGRESS_DETAIL_MAX, PROGRESS_LIMIT } from "./run-policy";

async function queuedRun() {
  const { auth } = await createTeamMember(db);
  const project = await createProject(db, auth);
  const message = await db.message.create({ data: { projectId: project.id, role: "USER", content: "hi" } });
  return db.run.create({ data: { projectId: project.id, teamId: auth.teamId, userMessageId: message.id } });
}

describe("claimRun", () => {
  it("lets exactly one of several concurrent jobs claim a run", async () => {
    const run = await queuedRun();
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimRun(db, run.id)));
    expect(claims.filter((c) => c.kind === "claimed")).toHaveLength(1);
    expect(claims.filter((c) => c.kind === "not-claimable")).toHaveLength(5);
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "RUNNING", attempt: 1 });
  });

  it("takes over a RUNNING run only once its heartbeat is stale, fencing the old attempt", async () => {
    const run = await queuedRun();
    await claimRun(db, run.id, { now: new Date(Date.now() - 90_000) });
    expect((await claimRun(db, run.id, { staleAfterMs: 120_000 })).kind).toBe("not-claimable");

    const takeover = await claimRun(db, run.id, { staleAfterMs: 60_000 });
    expect(takeover).toMatchObject({ kind: "claimed", run: { attempt: 2 } });
    expect(await heartbeatRun(db, run.id, 1)).toBe(false);
    expect(await releaseRun(db, run.id, 1)).toBe(false);
    expect(await heartbeatRun(db, run.id, 2)).toBe(true);
  });

  it("reports a run out of attempts instead of claiming it", async () => {
    const run = await queuedRun();
    await db.run.update({ where: { id: run.id }, data: { attempt: 3 } });
    expect(await claimRun(db, run.id, { maxAttempts: 3 })).toEqual({ kind: "exhausted", attempt: 3 });
  });

  it("never claims a finished run", async () => {
    const run = await queuedRun();
    await db.run.update({ where: { id: run.id }, data: { status: "SUCCEEDED" } });
    expect(await claimRun(db, run.id)).toEqual({ kind: "not-claimable", status: "SUCCEEDED" });
  });
});

describe("appendProgress", () => {
  it("keeps the newest entries in order, each detail on one line and clipped", async () => {
    const run = await queuedRun();
    const claim = await claimRun(db, run.id);
    if (claim.kind !== "claimed") throw new Error("not claimed");
    const entries = Array.from({ length: PROGRESS_LIMIT + 10 }, (_, i) => progressEntry("command", `step ${i}`));
    await appendProgress(db, run.id, claim.run.attempt, entries.slice(0, 30));
    await appendProgress(db, run.id, claim.run.attempt, entries.slice(30));
    await appendProgress(db, run.id, claim.run.attempt, [progressEntry("file", `long\n${"x".repeat(500)}`)]);

    const progress = (await db.run.findUniqueOrThrow({ where: { id: run.id } })).progress as ProgressEntry[];
    expect(progress).toHaveLength(PROGRESS_LIMIT);
    expect(progress[0]?.detail).toBe("step 11");
    expect(progress.at(-2)?.detail).toBe(`step ${PROGRESS_LIMIT + 9}`);
    expect(progress.at(-1)?.detail).toHaveLength(PROGRESS_DETAIL_MAX);
    expect(progress.at(-1)?.detail.startsWith("long x")).toBe(true);
  });

  it("writes nothing for an attempt that no longer holds the run", async () => {
    const run = await queuedRun();
    await claimRun(db, run.id);
    expect(await appendProgress(db, run.id, 7, [progressEntry("note", "stale")])).toBe(false);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).progress).toEqual([]);
  });
});
