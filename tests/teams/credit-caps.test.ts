import "../generation/support/model-env";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { ensureCurrentBalance } from "@/modules/credits/server/balance";
import { memberSpending } from "@/modules/credits/server/member-spending";
import { refundCredit } from "@/modules/credits/server/settle";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { createCaller } from "@/trpc/routers/_app";
import { createProject } from "../support/factories";
import { createSharedTeam, type Member } from "./support/team-fixture";

afterAll(() => stopBoss(env.DATABASE_URL));

const PROMPTS_EACH = 10;

/** Every member sends PROMPTS_EACH prompts at once, each in its own project (one run per project). */
async function promptAllAtOnce(members: Member[]) {
  const projects = await Promise.all(members.map((m) => Promise.all(Array.from({ length: PROMPTS_EACH }, () => createProject(db, m)))));
  const attempts = members.flatMap((member, i) =>
    projects[i]!.map((project) =>
      createCaller({ db, auth: member })
        .messages.create({ projectId: project.id, content: "A landing page" })
        .then(
          () => ({ userId: member.userId, ok: true as const }),
          (error: unknown) => ({ userId: member.userId, ok: false as const, error: error as TRPCError }),
        ),
    ),
  );
  return Promise.all(attempts);
}

async function ledgerOf(teamId: string) {
  const balance = await ensureCurrentBalance(db, teamId);
  const entries = await db.creditLedgerEntry.findMany({ where: { balanceId: balance.id }, select: { kind: true, amount: true, userId: true } });
  return { balance, entries, sum: entries.reduce((total, e) => total + e.amount, 0) };
}

describe("shared credit pool with per-member monthly caps", () => {
  it("3 members × 10 parallel prompts, cap 3 each, team balance 7: exactly 7 accepted, none past a cap, the ledger never negative", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "ADMIN", "MEMBER"], { credits: 7, name: "Racers" });
    await db.membership.updateMany({ where: { teamId: team.id }, data: { monthlyCreditCap: 3 } });

    const results = await promptAllAtOnce(members);
    const accepted = results.filter((r) => r.ok);
    expect(accepted).toHaveLength(7);
    for (const member of members) expect(accepted.filter((r) => r.userId === member.userId).length).toBeLessThanOrEqual(3);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused.error.code).toBe("PAYMENT_REQUIRED");
      expect(refused.error.message).toMatch(
        /^(You have used your 3-credit monthly limit in Racers; ask an admin to raise it\.|Your team has used all \d+ credits for this month\.)/,
      );
    }

    const { balance, entries, sum } = await ledgerOf(team.id);
    expect(balance.balance).toBe(0);
    expect(entries.filter((e) => e.kind === "RESERVE")).toHaveLength(7);
    // The GRANT set the plan's credits; the test then set the balance to 7, so 7 reserves empty it.
    expect(sum).toBe(balance.granted - 7);
    for (const member of members) {
      const spent = await memberSpending(db, balance.id, member.userId);
      expect(spent).toBe(accepted.filter((r) => r.userId === member.userId).length);
    }
    // Refused prompts left nothing behind: one run per accepted prompt.
    expect(await db.run.count({ where: { teamId: team.id } })).toBe(7);
  });

  it("with credits to spare, every member gets exactly their cap: 3 × 3 of 30 prompts, the cap message for the rest", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "ADMIN", "MEMBER"], { credits: 100, name: "Racers" });
    await db.membership.updateMany({ where: { teamId: team.id }, data: { monthlyCreditCap: 3 } });

    const results = await promptAllAtOnce(members);
    for (const member of members) expect(results.filter((r) => r.ok && r.userId === member.userId)).toHaveLength(3);
    const refusals = results.filter((r) => !r.ok);
    expect(refusals).toHaveLength(21);
    for (const r of refusals) expect(r.error.message).toBe("You have used your 3-credit monthly limit in Racers; ask an admin to raise it.");
    expect((await ledgerOf(team.id)).balance.balance).toBe(91);
  });

  it("a refunded credit no longer counts against the cap; a member without a cap spends only the team's balance", async () => {
    const { team, members } = await createSharedTeam(db, ["OWNER", "MEMBER"], { credits: 10 });
    const [owner, member] = members as [Member, Member];
    await db.membership.update({ where: { teamId_userId: { teamId: team.id, userId: member.userId } }, data: { monthlyCreditCap: 1 } });
    const api = createCaller({ db, auth: member });
    const [first, second] = [await createProject(db, member), await createProject(db, member)];

    const sent = await api.messages.create({ projectId: first.id, content: "A page" });
    await expect(api.messages.create({ projectId: second.id, content: "Another" })).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
    await db.run.update({ where: { id: sent.runId }, data: { status: "FAILED", finishedAt: new Date() } });
    await refundCredit(db, sent.runId);
    await api.messages.create({ projectId: second.id, content: "Another" });

    // The owner has no cap.
    const ownerApi = createCaller({ db, auth: owner });
    for (let i = 0; i < 3; i++) await ownerApi.messages.create({ projectId: (await createProject(db, owner)).id, content: `Page ${i}` });
    expect((await ledgerOf(team.id)).balance.balance).toBe(10 - 1 - 3);
  });

  it("admins set caps through teams.members.setCap; members see their own spending, admins everyone's", async () => {
    const { members } = await createSharedTeam(db, ["OWNER", "ADMIN", "MEMBER"], { credits: 10 });
    const [owner, admin, member] = members as [Member, Member, Member];
    await createCaller({ db, auth: admin }).teams.members.setCap({ userId: member.userId, monthlyCreditCap: 2 });
    await createCaller({ db, auth: member }).messages.create({ projectId: (await createProject(db, member)).id, content: "A page" });

    const asAdmin = await createCaller({ db, auth: admin }).teams.members.list();
    expect(asAdmin.find((m) => m.userId === member.userId)).toMatchObject({ monthlyCreditCap: 2, spentThisPeriod: 1 });
    const asMember = await createCaller({ db, auth: member }).teams.members.list();
    expect(asMember.find((m) => m.userId === member.userId)).toMatchObject({ monthlyCreditCap: 2, spentThisPeriod: 1, isYou: true });
    expect(asMember.find((m) => m.userId === owner.userId)).toMatchObject({ monthlyCreditCap: null, spentThisPeriod: null });

    await expect(createCaller({ db, auth: member }).teams.members.setCap({ userId: member.userId, monthlyCreditCap: 50 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only owners and admins can set spending caps.",
    });
    await expect(createCaller({ db, auth: admin }).teams.members.setCap({ userId: owner.userId, monthlyCreditCap: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an owner can manage owners.",
    });
    await expect(createCaller({ db, auth: admin }).teams.members.setCap({ userId: member.userId, monthlyCreditCap: -1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
