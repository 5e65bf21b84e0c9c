import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { createProjectFromPrompt } from "@/modules/generation/server/send-prompt";
import { GENERATE_QUEUE } from "@/modules/jobs/server/local/queue";
import { claimRun } from "@/modules/runs/server/claim";
import type { SweepResult } from "@/modules/runs/server/sweeper";
import type { ProgressEntry } from "@/modules/runs/server/progress";
import { startAppProcess, type AppProcess } from "./support/app-processes";
import { createTeamMember, ledgerKinds } from "./support/fixtures";
import { authoredPage, markerOf } from "./support/page-author-script";

/**
 * Two app processes — separate Node processes, each with the real local job worker, run sweeper
 * and preview server, its own scripted zero-latency model, and the real bubblewrap sandbox —
 * against this file's one Postgres. The page check is off (as in run-limits.test.ts): 50 headless
 * Chromium loads would cost about a minute of CPU on this 2-core machine, and the check runs
 * inside the attempt the claim already fenced, so it adds nothing to what is proven here.
 */
const CONFIG = { settings: { pageCheck: false } };
const ENV = { JOBS_PROVIDER: "local", JOBS_CONCURRENCY: "4" };
const TEAMS = 10;
const RUNS = 50;

let a: AppProcess;
let b: AppProcess;
beforeAll(async () => {
  [a, b] = await Promise.all([startAppProcess("A", CONFIG, ENV), startAppProcess("B", CONFIG, ENV)]);
}, 60_000);
afterAll(() => Promise.all([a?.stop(), b?.stop()]));

type Sent = { projectId: string; runId: string };
type Poll = { run: { id: string; status: string; progress: ProgressEntry[] } | null; lastMessageId: string | null };

/** Which runs (by prompt marker) each process's model was asked about, one entry per request. */
async function modelRequestsByMarker() {
  const counts = new Map<string, Map<string, number>>();
  for (const app of [a, b]) {
    for (const prompt of await app.request<string[]>({ type: "model-requests" })) {
      const marker = markerOf(prompt) ?? "(none)";
      const perProcess = counts.get(marker) ?? new Map<string, number>();
      perProcess.set(app.name, (perProcess.get(app.name) ?? 0) + 1);
      counts.set(marker, perProcess);
    }
  }
  return counts;
}

async function waitForRuns(runIds: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await db.run.findMany({ where: { id: { in: runIds } } });
    if (runs.every((r) => r.status === "SUCCEEDED" || r.status === "FAILED" || r.status === "CANCELLED")) return runs;
    if (Date.now() > deadline) throw new Error(`${runs.filter((r) => r.status === "QUEUED" || r.status === "RUNNING").length} runs unfinished after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Filled by the first test: each run, whose team sent it, and which process executed it. */
const executed: { sent: Sent; auth: AuthContext; marker: string; by: string }[] = [];

describe("two app processes against one Postgres", () => {
  it("share the queue: 50 runs, sent through either process, each execute exactly once between them", async () => {
    const teams = await Promise.all(Array.from({ length: TEAMS }, () => createTeamMember(db, { plan: "PRO", credits: 10 })));
    const started = Date.now();
    // Through the real send-prompt path of both processes: even prompts via A, odd via B, a few
    // at a time and from different teams, as people would send them (not 50 transactions at
    // once into two small pools, nor queued behind one team's lock on a loaded machine). The
    // share of a team across workers is fair-share.test.ts's.
    const sending = pLimit(4);
    const sent = await Promise.all(
      Array.from({ length: RUNS }, (_, i) => sending(async () => {
        const auth = teams[i % TEAMS]!.auth;
        const marker = `[run-${i}]`;
        const via = i % 2 === 0 ? a : b;
        return { auth, marker, sent: await via.request<Sent>({ type: "send", auth, content: `A small page ${marker}` }) };
      })),
    );
    const runs = await waitForRuns(
      sent.map((s) => s.sent.runId),
      45_000,
    );
    const wallMs = Math.max(...runs.map((r) => r.finishedAt!.getTime())) - started;

    // Every run succeeded on its first and only claim.
    expect(runs.map((r) => [r.status, r.attempt, r.error])).toEqual(runs.map(() => ["SUCCEEDED", 1, null]));

    // One version per run, with the page that run's prompt asked for.
    const fragments = await db.fragment.findMany({ where: { projectId: { in: sent.map((s) => s.sent.projectId) } } });
    expect(fragments).toHaveLength(RUNS);
    for (const { sent: s, marker } of sent) {
      const own = fragments.filter((f) => f.projectId === s.projectId);
      expect(own).toHaveLength(1);
      expect((own[0]!.files as Record<string, string>)["index.html"]).toBe(authoredPage(marker));
    }

    // Charged exactly once each: 50 commits, no refund.
    const ledger = await db.creditLedgerEntry.groupBy({ by: ["kind"], where: { runId: { in: runs.map((r) => r.id) } }, _count: true });
    expect(Object.fromEntries(ledger.map((l) => [l.kind, l._count]))).toEqual({ RESERVE: RUNS, COMMIT: RUNS });

    // The workflow ran once per run: its two model calls (write the page, summarise) went to
    // exactly one process's model. A second execution anywhere would have asked again.
    const requests = await modelRequestsByMarker();
    for (const { marker, sent: s, auth } of sent) {
      const perProcess = requests.get(marker);
      expect([...(perProcess ?? new Map()).entries()], marker).toHaveLength(1);
      const [[by, count]] = [...perProcess!.entries()] as [[string, number]];
      expect(count, marker).toBe(2);
      executed.push({ sent: s, auth, marker, by });
    }
    const byA = executed.filter((e) => e.by === "A").length;
    const byB = executed.filter((e) => e.by === "B").length;
    console.log(`[two-processes] ${RUNS} runs in ${wallMs} ms: ${byA} executed by A (pid ${a.pid}), ${byB} by B (pid ${b.pid})`);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);

    // Each team's share (PRO: 4 at once) held across both processes together.
  }, 60_000);

  it("serve a version made by one process from the other's preview server, and poll alike from both", async () => {
    const byA = executed.find((e) => e.by === "A")!;
    const fragment = await db.fragment.findFirstOrThrow({ where: { projectId: byA.sent.projectId } });
    const fromA = await fetch(`${a.previewUrl}/p/${fragment.previewToken}/`);
    const fromB = await fetch(`${b.previewUrl}/p/${fragment.previewToken}/`);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    const [bodyA, bodyB] = [await fromA.text(), await fromB.text()];
    expect(bodyB).toContain(`Made for ${byA.marker}`);
    expect(bodyB).toBe(bodyA);

    const poll = (app: AppProcess, projectId: string, auth: AuthContext) => app.request<Poll>({ type: "poll", auth, projectId });
    const [pollA, pollB] = await Promise.all([poll(a, byA.sent.projectId, byA.auth), poll(b, byA.sent.projectId, byA.auth)]);
    expect(pollB.run).toMatchObject({ id: byA.sent.runId, status: "SUCCEEDED" });
    expect(pollB).toEqual(pollA);

    // A run in progress in one process shows its progress when polled from the other.
    const { auth } = await createTeamMember(db, { plan: "PRO", credits: 2 });
    const slow = await a.request<Sent>({ type: "send", auth, content: "A page watched from afar [slow-1]" });
    let executor: AppProcess | undefined;
    while (!executor) {
      const perProcess = (await modelRequestsByMarker()).get("[slow-1]");
      executor = perProcess ? (perProcess.has("A") ? a : b) : undefined;
      if (!executor) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const watcher = executor === a ? b : a;
    let watched: Poll;
    do {
      watched = await poll(watcher, slow.projectId, auth);
    } while (!watched.run?.progress.some((p) => p.kind === "file" && p.detail === "index.html") && watched.run?.status === "RUNNING");
    // Seen while the executor still waits on the (slow) summary.
    expect(watched.run).toMatchObject({ id: slow.runId, status: "RUNNING" });
    expect(watched.run?.progress).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "file", detail: "index.html" })]));

    const [done] = await waitForRuns([slow.runId], 15_000);
    expect(done?.status).toBe("SUCCEEDED");
    expect(await poll(watcher, slow.projectId, auth)).toEqual(await poll(executor, slow.projectId, auth));
  }, 30_000);

  it("sweepers in both processes act once on each abandoned run, even when they sweep at the same moment", async () => {
    // Runs whose worker died right after claiming them (its job is gone with it):
    // half with attempts left (re-queued, then run again), half on their last attempt (failed).
    const { auth } = await createTeamMember(db, { plan: "PRO", credits: 20 });
    // Claims two minutes apart, each after the last one's heartbeat went stale; the last two minutes ago.
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const model = { baseUrl: a.modelUrl!, model: "scripted-model", apiKey: "test-key" };
    const jobTakenByTheDeadWorker = { dispatchGenerate: async () => {} };
    const abandoned = [];
    for (let i = 0; i < 12; i++) {
      const lastAttempt = i % 2 === 1;
      const sent = await createProjectFromPrompt(db, { auth, content: `Abandoned [sweep-${i}]` }, { model, jobs: jobTakenByTheDeadWorker });
      for (const ago of lastAttempt ? [6, 4, 2] : [2]) {
        expect((await claimRun(db, sent.runId, { now: minutesAgo(ago) })).kind).toBe("claimed");
      }
      abandoned.push({ ...sent, marker: `[sweep-${i}]`, lastAttempt });
    }

    const [sweptByA, sweptByB] = await Promise.all([a.request<SweepResult>({ type: "sweep" }), b.request<SweepResult>({ type: "sweep" })]);
    // Whichever process got to a run first acted on it; the other found nothing left to do. The
    // background sweepers' own passes (every 15 s) log the same lines, so count those too.
    const sweepLines = () =>
      [a, b].flatMap((app) =>
        app.output.flatMap((line) => {
          const match = /^\[runs\] sweeper (re-queued|failed) run (\S+)/.exec(line);
          return match ? [{ by: app.name, act: match[1]!, runId: match[2]! }] : [];
        }),
      );
    // stdout travels apart from the IPC answer: wait for the lines, then a little for any duplicate.
    for (let waited = 0; waited < 3_000 && !abandoned.every((r) => sweepLines().some((x) => x.runId === r.runId)); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const acts = sweepLines();
    for (const run of abandoned) {
      const onThisRun = acts.filter((x) => x.runId === run.runId);
      expect(onThisRun.map((x) => x.act), run.marker).toEqual([run.lastAttempt ? "failed" : "re-queued"]);
    }
    const count = (result: SweepResult) => result.requeued.length + result.failed.length;
    console.log(
      `[two-processes] of ${abandoned.length} abandoned runs, the simultaneous sweeps acted on ${count(sweptByA)} in A and ${count(sweptByB)} in B; background passes on ${abandoned.length - count(sweptByA) - count(sweptByB)}`,
    );

    const requeued = abandoned.filter((r) => !r.lastAttempt);
    const finished = await waitForRuns(
      abandoned.map((r) => r.runId),
      20_000,
    );
    for (const run of abandoned) {
      const row = finished.find((r) => r.id === run.runId)!;
      const errors = await db.message.count({ where: { projectId: run.projectId, role: "ASSISTANT", kind: "ERROR" } });
      if (run.lastAttempt) {
        expect([row.status, row.attempt, errors], run.marker).toEqual(["FAILED", 3, 1]);
        expect(await ledgerKinds(db, run.runId), run.marker).toEqual(["RESERVE", "REFUND"]);
      } else {
        // One new job, one more claim, one execution.
        const [{ jobs }] = await db.$queryRaw<{ jobs: bigint }[]>`
          SELECT count(*) AS jobs FROM pgboss.job WHERE name = ${GENERATE_QUEUE} AND data->>'runId' = ${run.runId}` as [{ jobs: bigint }];
        expect([row.status, row.attempt, Number(jobs), errors], run.marker).toEqual(["SUCCEEDED", 2, 1, 0]);
        expect(await ledgerKinds(db, run.runId), run.marker).toEqual(["RESERVE", "COMMIT"]);
      }
    }
    const requests = await modelRequestsByMarker();
    for (const run of requeued) expect([...requests.get(run.marker)!.values()], run.marker).toEqual([2]);
    for (const run of abandoned.filter((r) => r.lastAttempt)) expect(requests.get(run.marker), run.marker).toBeUndefined();
  }, 40_000);
});
