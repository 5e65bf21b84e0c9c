import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sendPrompt } from "@/modules/generation/server/send-prompt";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { createLocalJobs } from "@/modules/jobs/server/local/local-jobs";
import { createProject, createTeamMember, ledgerKinds } from "./support/fixtures";

// Prompts that must wait — for a pool connection, or for their team's row lock — wait rather
// than fail after Prisma's default 2 s / 5 s (src/lib/db/client.ts). No worker: runs stay queued.
const connectionString = process.env.DATABASE_URL!;
const jobs = createLocalJobs(connectionString);
const deps = { model: { baseUrl: "http://127.0.0.1:9/v1", model: "unused", apiKey: "unused" }, jobs };
afterAll(() => stopBoss(connectionString));

describe("sendPrompt under contention", () => {
  it("waits 6 s for its team's row lock held by another transaction, then queues its run", async () => {
    const { auth, team } = await createTeamMember(db, { plan: "PRO" });
    const project = await createProject(db, auth);
    const holder = new pg.Client({ connectionString });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Team" WHERE "id" = $1 FOR NO KEY UPDATE`, [team.id]);
      const started = Date.now();
      const sending = sendPrompt(db, { auth, projectId: project.id, content: "A contact form" }, deps);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      await holder.query("COMMIT");
      const sent = await sending;
      expect(Date.now() - started).toBeGreaterThanOrEqual(6_000);
      expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE"]);
    } finally {
      await holder.end();
    }
  });

  it("waits 3 s for a connection while 10 transactions hold the whole pool, then queues its run", async () => {
    const { auth } = await createTeamMember(db, { plan: "PRO" });
    const project = await createProject(db, auth);
    const holders = Array.from({ length: 10 }, () => db.$transaction((tx) => tx.$executeRaw`SELECT pg_sleep(3)`));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the ten have taken their connections
    const sent = await sendPrompt(db, { auth, projectId: project.id, content: "A pricing table" }, deps);
    await Promise.all(holders);
    expect(await ledgerKinds(db, sent.runId)).toEqual(["RESERVE"]);
  });
});
