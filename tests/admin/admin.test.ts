import { ADMIN_CONTACT, ADMIN_EMAIL } from "./support/admin-env";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { isInstanceAdmin } from "@/modules/admin/server/instance-admins";
import { PLANS } from "@/modules/credits/server/plans";
import { stopBoss } from "@/modules/jobs/server/local/boss";
import { appRouter, createCaller } from "@/trpc/routers/_app";
import { addTeamMember, createProject, createTeamMember, currentBalance } from "../generation/support/fixtures";
import { rejection } from "../support/rejection";

afterAll(() => stopBoss(env.DATABASE_URL));

const api = (auth: AuthContext) => createCaller({ db, auth });
let admin: AuthContext;

beforeAll(async () => {
  // An admin is an ordinary user (with a team of their own) whose email is in OLLIO_ADMIN_EMAILS.
  const { user, auth } = await createTeamMember(db);
  await db.user.update({ where: { id: user.id }, data: { email: ADMIN_EMAIL } });
  admin = auth;
});

async function trpcError(promise: Promise<unknown>) {
  const error = await rejection<TRPCError>(promise);
  expect(error).toBeInstanceOf(TRPCError);
  return error;
}

describe("instance admins", () => {
  it("are the users whose email is in OLLIO_ADMIN_EMAILS, compared without case", async () => {
    expect(env.OLLIO_ADMIN_EMAILS).toEqual([ADMIN_EMAIL, "second-admin@example.test"]);
    expect(await isInstanceAdmin(db, admin.userId, ["INSTANCE-ADMIN@example.test".toLowerCase()])).toBe(true);
    const { auth } = await createTeamMember(db);
    expect(await isInstanceAdmin(db, auth.userId, env.OLLIO_ADMIN_EMAILS)).toBe(false);
    expect(await isInstanceAdmin(db, admin.userId, [])).toBe(false);
  });

  it("see every team with plan, members, balance and this month's usage", async () => {
    const { team, auth } = await createTeamMember(db, { plan: "PRO", credits: 480 });
    await addTeamMember(db, team.id, "MEMBER");
    const project = await createProject(db, auth);
    const message = await db.message.create({ data: { projectId: project.id, role: "USER", content: "x" } });
    const run = await db.run.create({
      data: { projectId: project.id, teamId: team.id, createdById: auth.userId, userMessageId: message.id, promptTokens: 1200, completionTokens: 300 },
    });
    const balance = await db.creditBalance.findFirstOrThrow({ where: { teamId: team.id } });
    await db.creditLedgerEntry.create({ data: { teamId: team.id, balanceId: balance.id, kind: "RESERVE", amount: -1, runId: run.id, userId: auth.userId } });
    const untouched = await createTeamMember(db, { plan: "TEAM" });

    const teams = await api(admin).admin.teams({});
    const row = teams.find((t) => t.id === team.id);
    expect(row).toMatchObject({
      name: team.name,
      plan: "PRO",
      members: 2,
      balance: 480,
      granted: PLANS.PRO.monthlyCredits,
      runsThisMonth: 1,
      creditsUsedThisMonth: 1,
      tokensThisMonth: 1500,
    });
    expect(row?.ownerEmail).toMatch(/^user-.*@example\.test$/);
    // A team that has not opened this period yet shows its plan's credits, without creating the period.
    expect(teams.find((t) => t.id === untouched.team.id)).toMatchObject({ balance: PLANS.TEAM.monthlyCredits, runsThisMonth: 0 });
    expect(await db.creditBalance.count({ where: { teamId: untouched.team.id } })).toBe(0);

    const found = await api(admin).admin.teams({ search: team.name });
    expect(found.map((t) => t.id)).toEqual([team.id]);
    expect(await api(admin).admin.teams({ search: "100%_nothing" })).toEqual([]);
  });

  it("upgrade a plan: the difference in monthly credits is added to this period at once", async () => {
    const { team } = await createTeamMember(db, { plan: "FREE", credits: 3 });
    const change = await api(admin).admin.changePlan({ teamId: team.id, plan: "PRO" });
    const added = PLANS.PRO.monthlyCredits - PLANS.FREE.monthlyCredits;
    expect(change).toEqual({ from: "FREE", to: "PRO", creditsAdded: added });
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).plan).toBe("PRO");
    const balance = await db.creditBalance.findFirstOrThrow({ where: { teamId: team.id } });
    expect(balance).toMatchObject({ balance: 3 + added, granted: PLANS.FREE.monthlyCredits + added });
    const entry = await db.creditLedgerEntry.findFirstOrThrow({ where: { teamId: team.id, kind: "GRANT", userId: admin.userId } });
    expect(entry).toMatchObject({ amount: added, note: expect.stringContaining("Plan changed from Free to Pro") });
  });

  it("an upgrade in a period not yet opened grants the old plan's credits plus the difference, not twice the new", async () => {
    const { team } = await createTeamMember(db, { plan: "FREE" });
    await api(admin).admin.changePlan({ teamId: team.id, plan: "TEAM" });
    expect(await currentBalance(db, team.id)).toBe(PLANS.TEAM.monthlyCredits);
  });

  it("downgrade a plan: this period keeps its credits, the next starts with the smaller plan's", async () => {
    const { team } = await createTeamMember(db, { plan: "PRO", credits: 200 });
    const change = await api(admin).admin.changePlan({ teamId: team.id, plan: "FREE" });
    expect(change).toEqual({ from: "PRO", to: "FREE", creditsAdded: 0 });
    expect(await currentBalance(db, team.id)).toBe(200);
    const entry = await db.creditLedgerEntry.findFirstOrThrow({ where: { teamId: team.id, userId: admin.userId } });
    expect(entry).toMatchObject({ kind: "GRANT", amount: 0, note: expect.stringContaining("next period") });
    // Same plan again: nothing happens, nothing is recorded.
    expect(await api(admin).admin.changePlan({ teamId: team.id, plan: "FREE" })).toMatchObject({ creditsAdded: 0, from: "FREE", to: "FREE" });
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, userId: admin.userId } })).toBe(1);
  });

  it("two upgrades at once apply one after the other: the top-up is counted once per real change", async () => {
    const { team } = await createTeamMember(db, { plan: "FREE", credits: 0 });
    await Promise.all([
      api(admin).admin.changePlan({ teamId: team.id, plan: "PRO" }),
      api(admin).admin.changePlan({ teamId: team.id, plan: "PRO" }),
    ]);
    expect(await currentBalance(db, team.id)).toBe(PLANS.PRO.monthlyCredits - PLANS.FREE.monthlyCredits);
  });

  it("grant extra credits: balance and granted grow, the ledger names who granted and why", async () => {
    const { team } = await createTeamMember(db, { plan: "FREE", credits: 0 });
    const result = await api(admin).admin.grantCredits({ teamId: team.id, amount: 40, note: "  Hackathon week  " });
    expect(result).toEqual({ balance: 40, granted: PLANS.FREE.monthlyCredits + 40 });
    const entry = await db.creditLedgerEntry.findFirstOrThrow({ where: { teamId: team.id, kind: "GRANT", userId: admin.userId } });
    expect(entry).toMatchObject({ amount: 40, note: "Hackathon week" });
  });

  it("refuse bad grants and unknown teams with a clear message, changing nothing", async () => {
    const { team } = await createTeamMember(db, { credits: 5 });
    for (const amount of [0, -5, 1.5, 1_000_000]) {
      expect((await trpcError(api(admin).admin.grantCredits({ teamId: team.id, amount, note: "x" }))).code).toBe("BAD_REQUEST");
    }
    expect((await trpcError(api(admin).admin.grantCredits({ teamId: team.id, amount: 5, note: "   " }))).code).toBe("BAD_REQUEST");
    expect(await currentBalance(db, team.id)).toBe(5);
    const missing = await trpcError(api(admin).admin.changePlan({ teamId: "no-such-team", plan: "PRO" }));
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: "Team not found." });
    expect((await trpcError(api(admin).admin.changePlan({ teamId: team.id, plan: "GOLD" as "PRO" }))).code).toBe("BAD_REQUEST");
  });
});

describe("everyone else", () => {
  it("gets NOT_FOUND from every admin procedure — team owners included — and changes nothing", async () => {
    const { auth, team } = await createTeamMember(db, { plan: "FREE", credits: 2 });
    const calls = [
      () => api(auth).admin.teams({}),
      () => api(auth).admin.changePlan({ teamId: team.id, plan: "TEAM" }),
      () => api(auth).admin.grantCredits({ teamId: team.id, amount: 100, note: "please" }),
    ];
    // Every admin procedure is in this list: a new one without a refusal test fails here.
    const procedures = Object.keys(appRouter._def.procedures).filter((name) => name.startsWith("admin."));
    expect(procedures.sort()).toEqual(["admin.changePlan", "admin.grantCredits", "admin.teams"]);
    for (const call of calls) {
      const error = await trpcError(call());
      expect(error).toMatchObject({ code: "NOT_FOUND", message: "This page does not exist." });
    }
    const signedOut = await trpcError(createCaller({ db, auth: null }).admin.teams({}));
    expect(signedOut.code).toBe("UNAUTHORIZED");
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ plan: "FREE" });
    expect(await currentBalance(db, team.id)).toBe(2);
  });
});

describe("plans from the team's side", () => {
  it("the owner sees the plan and is told to ask the Ollio admin, with the configured contact", async () => {
    const { auth } = await createTeamMember(db, { plan: "FREE" });
    const plan = await api(auth).teamUsage.plan();
    expect(plan).toMatchObject({ plan: "FREE", canChangePlan: true, howToGetMore: expect.stringContaining(`ask your Ollio admin (${ADMIN_CONTACT})`) });
    expect(plan.plans.map((p) => p.plan)).toEqual(["FREE", "PRO", "TEAM"]);
    const request = await api(auth).teamUsage.requestPlanChange({ plan: "PRO" });
    expect(request).toEqual({ kind: "ask-admin", contact: ADMIN_CONTACT, message: expect.stringContaining(ADMIN_CONTACT) });
    expect((await db.team.findUniqueOrThrow({ where: { id: auth.teamId } })).plan).toBe("FREE");
  });

  it("a member or admin of the team is refused a plan change with the message the UI shows", async () => {
    const { team } = await createTeamMember(db);
    for (const role of ["MEMBER", "ADMIN"] as const) {
      const { auth } = await addTeamMember(db, team.id, role);
      const error = await trpcError(api(auth).teamUsage.requestPlanChange({ plan: "TEAM" }));
      expect(error).toMatchObject({ code: "FORBIDDEN", message: "Only the team's owner can change its plan." });
      expect((await api(auth).teamUsage.plan()).canChangePlan).toBe(false);
    }
  });

  it("out of credits, a prompt is refused with when credits renew and how this caller gets more", async () => {
    const { auth, team } = await createTeamMember(db, { credits: 0 });
    const { auth: member } = await addTeamMember(db, team.id, "MEMBER");
    const project = await createProject(db, auth);

    const owner = await trpcError(api(auth).messages.create({ projectId: project.id, content: "A form" }));
    expect(owner.code).toBe("PAYMENT_REQUIRED");
    expect(owner.message).toMatch(/Credits renew on \w+ \d+\. To get more credits or another plan, ask your Ollio admin \(help@ollio\.example\)\.$/);
    const asMember = await trpcError(api(member).projects.create({ content: "A form" }));
    expect(asMember.message).toMatch(/Credits renew on .* ask your team's owner; plans are managed by your Ollio admin \(help@ollio\.example\)\.$/);

    // Granted credits are spendable at once.
    await api(admin).admin.grantCredits({ teamId: team.id, amount: 1, note: "One more" });
    await expect(api(member).projects.create({ content: "A form" })).resolves.toMatchObject({ deduplicated: false });
  });
});
