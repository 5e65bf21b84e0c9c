import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createProject, createTeamMember, ledgerKinds } from "../../../../tests/generation/support/fixtures";
import { ensureCurrentBalance } from "./balance";
import { creditPeriodFor, PLANS } from "./plans";
import { reserveCredit } from "./reserve";
import { commitCredit, refundCredit } from "./settle";
import { getUsage } from "./usage";

async function queuedRun(teamId: string, userId: string) {
  const project = await createProject(db, { teamId, userId, role: "OWNER" });
  const message = await db.message.create({ data: { projectId: project.id, role: "USER", content: "hi" } });
  return db.run.create({ data: { projectId: project.id, teamId, userMessageId: message.id } });
}

describe("credit periods", () => {
  it("are calendar months in UTC", () => {
    const { periodStart, periodEnd } = creditPeriodFor(new Date("2026-12-31T23:59:59Z"));
    expect(periodStart.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(periodEnd.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("ensureCurrentBalance", () => {
  it("grants the plan's credits once, even when many requests create the period at the same time", async () => {
    const { team } = await createTeamMember(db, { plan: "PRO" });
    const balances = await Promise.all(Array.from({ length: 10 }, () => ensureCurrentBalance(db, team.id)));
    expect(new Set(balances.map((b) => b.id)).size).toBe(1);
    expect(balances[0]).toMatchObject({ granted: PLANS.PRO.monthlyCredits, balance: PLANS.PRO.monthlyCredits });
    const grants = await db.creditLedgerEntry.findMany({ where: { teamId: team.id, kind: "GRANT" } });
    expect(grants).toHaveLength(1);
    expect(grants[0]?.amount).toBe(PLANS.PRO.monthlyCredits);
  });

  it("starts a new balance in a new month", async () => {
    const { team } = await createTeamMember(db);
    const november = await ensureCurrentBalance(db, team.id, new Date("2026-11-15T00:00:00Z"));
    const december = await ensureCurrentBalance(db, team.id, new Date("2026-12-02T00:00:00Z"));
    expect(december.id).not.toBe(november.id);
    expect(december.balance).toBe(PLANS.FREE.monthlyCredits);
  });
});

describe("reserve, commit and refund", () => {
  it("reserves one credit and refuses when none is left, never going below zero", async () => {
    const { team, user } = await createTeamMember(db, { credits: 1 });
    const first = await queuedRun(team.id, user.id);
    await db.$transaction((tx) => reserveCredit(tx, { teamId: team.id, userId: user.id, runId: first.id }));
    expect((await getUsage(db, team.id)).balance).toBe(0);

    const second = await queuedRun(team.id, user.id);
    const refusal = await db.$transaction((tx) => reserveCredit(tx, { teamId: team.id, userId: user.id, runId: second.id })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "PAYMENT_REQUIRED", message: expect.stringMatching(/used all 25 credits.*renew on/) });
    expect((await getUsage(db, team.id)).balance).toBe(0);
  });

  it("records who spent the credit on the reserve and on its settlement", async () => {
    const { team, user } = await createTeamMember(db, { credits: 2 });
    const run = await queuedRun(team.id, user.id);
    await db.$transaction((tx) => reserveCredit(tx, { teamId: team.id, userId: user.id, runId: run.id }));
    await refundCredit(db, run.id);
    const entries = await db.creditLedgerEntry.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.kind, e.userId])).toEqual([
      ["RESERVE", user.id],
      ["REFUND", user.id],
    ]);
  });

  it("refunds exactly once however often it is called, and then never commits", async () => {
    const { team, user } = await createTeamMember(db, { credits: 3 });
    const run = await queuedRun(team.id, user.id);
    await db.$transaction((tx) => reserveCredit(tx, { teamId: team.id, userId: user.id, runId: run.id }));

    const refunds = await Promise.all(Array.from({ length: 5 }, () => refundCredit(db, run.id)));
    expect(refunds.filter(Boolean)).toHaveLength(1);
    expect(await commitCredit(db, run.id)).toBe(false);
    expect((await getUsage(db, team.id)).balance).toBe(3);
    expect(await ledgerKinds(db, run.id)).toEqual(["RESERVE", "REFUND"]);
  });

  it("commits once and a later refund changes nothing", async () => {
    const { team, user } = await createTeamMember(db, { credits: 3 });
    const run = await queuedRun(team.id, user.id);
    await db.$transaction((tx) => reserveCredit(tx, { teamId: team.id, userId: user.id, runId: run.id }));
    const [commit, refund] = await Promise.all([commitCredit(db, run.id), refundCredit(db, run.id)]);
    // Whichever takes the RESERVE row lock first wins; the other finds the run settled.
    expect([commit, refund].filter(Boolean)).toHaveLength(1);
    expect(await commitCredit(db, run.id)).toBe(false);
    expect(await refundCredit(db, run.id)).toBe(false);
    expect((await getUsage(db, team.id)).balance).toBe(commit ? 2 : 3);
  });

  it("does nothing for a run that never reserved", async () => {
    const { team, user } = await createTeamMember(db);
    const run = await queuedRun(team.id, user.id);
    expect(await refundCredit(db, run.id)).toBe(false);
    expect(await ledgerKinds(db, run.id)).toEqual([]);
  });
});

describe("getUsage", () => {
  it("reports plan, balance, grant and period end", async () => {
    const { team } = await createTeamMember(db);
    const usage = await getUsage(db, team.id);
    expect(usage).toEqual({
      plan: "FREE",
      balance: PLANS.FREE.monthlyCredits,
      granted: PLANS.FREE.monthlyCredits,
      periodEnd: creditPeriodFor(new Date()).periodEnd,
    });
  });
});
