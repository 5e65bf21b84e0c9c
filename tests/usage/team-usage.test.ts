import "../generation/support/model-env";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { usageCsvResponse } from "@/modules/usage/server/csv-response";
import { csvCell } from "@/modules/usage/server/usage-csv";
import { createCaller } from "@/trpc/routers/_app";
import { addTeamMember, createProject, createTeamMember } from "../generation/support/fixtures";
import { rejection } from "../support/rejection";
import { finishedRun } from "./support/runs";

const api = (auth: AuthContext) => createCaller({ db, auth });
const exportUrl = (month: string | null) => new URL(`http://localhost/team/usage/export${month ? `?month=${month}` : ""}`);

// One team in November 2026: the owner, an admin, and a member with runs on two days.
let owner: AuthContext;
let admin: AuthContext;
let member: AuthContext;
let idle: AuthContext;
let outsider: AuthContext;

beforeAll(async () => {
  const created = await createTeamMember(db, { plan: "PRO" });
  owner = created.auth;
  admin = (await addTeamMember(db, owner.teamId, "ADMIN")).auth;
  member = (await addTeamMember(db, owner.teamId, "MEMBER")).auth;
  idle = (await addTeamMember(db, owner.teamId, "MEMBER")).auth;
  outsider = (await createTeamMember(db)).auth;
  const project = await createProject(db, owner, "Shop, \"beta\"");
  const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h));

  await finishedRun(db, owner, project.id, { at: day(3), promptTokens: 1000, completionTokens: 100, seconds: 40 });
  await finishedRun(db, owner, project.id, { at: day(3, 23), promptTokens: 500, completionTokens: 50, seconds: 20 });
  await finishedRun(db, member, project.id, { at: day(3, 12), status: "FAILED", promptTokens: 300, completionTokens: 30, seconds: 10 });
  await finishedRun(db, member, project.id, { at: day(17), promptTokens: 2000, completionTokens: 200, seconds: 60 });
  // Outside the month (the day before and the first of the next), and another team's run in it.
  await finishedRun(db, owner, project.id, { at: new Date(Date.UTC(2026, 9, 31, 23, 59)), promptTokens: 9999 });
  await finishedRun(db, owner, project.id, { at: new Date(Date.UTC(2026, 11, 1, 0, 0)), promptTokens: 9999 });
  const other = await createProject(db, outsider);
  await finishedRun(db, outsider, other.id, { at: day(3), promptTokens: 7777 });
});

const TEAM_TOTAL = { runs: 4, failures: 1, credits: 3, promptTokens: 3800, completionTokens: 380, durationSeconds: 130 };

describe("team usage for a month", () => {
  it("aggregates per UTC day and per member for owners and admins", async () => {
    for (const viewer of [owner, admin]) {
      const report = await api(viewer).teamUsage.report({ month: "2026-11" });
      expect(report.scope).toBe("all");
      expect(report.days).toEqual([
        { day: "2026-11-03", runs: 3, failures: 1, credits: 2, promptTokens: 1800, completionTokens: 180, durationSeconds: 70 },
        { day: "2026-11-17", runs: 1, failures: 0, credits: 1, promptTokens: 2000, completionTokens: 200, durationSeconds: 60 },
      ]);
      expect(report.total).toEqual(TEAM_TOTAL);
      const byUser = Object.fromEntries(report.members.map((m) => [m.userId, m]));
      expect(byUser[owner.userId]).toMatchObject({ runs: 2, failures: 0, credits: 2, promptTokens: 1500, completionTokens: 150 });
      expect(byUser[member.userId]).toMatchObject({ runs: 2, failures: 1, credits: 1, promptTokens: 2300, completionTokens: 230 });
      // Members without runs get a zero row; the admin is one of them.
      expect(byUser[idle.userId]).toMatchObject({ runs: 0, credits: 0 });
      expect(report.members.map((m) => m.userId).sort()).toEqual([owner, admin, member, idle].map((a) => a.userId).sort());
    }
  });

  it("shows a member only their own row, with the team's totals", async () => {
    const report = await api(member).teamUsage.report({ month: "2026-11" });
    expect(report.scope).toBe("own");
    expect(report.members).toEqual([
      expect.objectContaining({ userId: member.userId, runs: 2, failures: 1, credits: 1, promptTokens: 2300 }),
    ]);
    expect(report.total).toEqual(TEAM_TOTAL);
    expect(JSON.stringify(report)).not.toContain(owner.userId);
  });

  it("is empty for a month without runs, and validates the month", async () => {
    const report = await api(owner).teamUsage.report({ month: "2026-06" });
    expect(report.days).toEqual([]);
    expect(report.total).toMatchObject({ runs: 0, credits: 0, promptTokens: 0 });
    for (const month of ["2026-13", "2026-1", "november", ""]) {
      const error = await rejection<TRPCError>(api(owner).teamUsage.report({ month }));
      expect(error.code).toBe("BAD_REQUEST");
    }
  });

  it("never counts another team's runs", async () => {
    const report = await api(outsider).teamUsage.report({ month: "2026-11" });
    expect(report.total).toMatchObject({ runs: 1, promptTokens: 7777 });
  });
});

describe("CSV export", () => {
  async function csvRows(auth: AuthContext | null, month: string | null) {
    const response = await usageCsvResponse(db, auth, exportUrl(month));
    return { status: response.status, type: response.headers.get("content-type"), lines: (await response.text()).trim().split("\r\n") };
  }

  it("gives owners and admins every run of the month, one line each", async () => {
    const { status, type, lines } = await csvRows(admin, "2026-11");
    expect(status).toBe(200);
    expect(type).toBe("text/csv; charset=utf-8");
    expect(lines[0]).toBe("created_at,user_email,user_name,project,status,model,model_calls,prompt_tokens,completion_tokens,duration_seconds,credits");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^2026-11-03T10:00:00.000Z,user-.*,"Shop, ""beta""",SUCCEEDED,scripted-model,3,1000,100,40,1$/);
    expect(lines.filter((l) => l.includes(",FAILED,"))).toEqual([expect.stringMatching(/,300,30,10,0$/)]);
  });

  it("gives a member only their own runs", async () => {
    const { status, lines } = await csvRows(member, "2026-11");
    expect(status).toBe(200);
    expect(lines).toHaveLength(3);
    const email = (await db.user.findUniqueOrThrow({ where: { id: member.userId } })).email;
    expect(lines.slice(1).every((l) => l.split(",")[1] === email)).toBe(true);
  });

  it("refuses signed-out callers and bad months", async () => {
    expect((await csvRows(null, "2026-11")).status).toBe(401);
    expect((await csvRows(owner, null)).status).toBe(400);
    expect((await csvRows(owner, "2026-11-01")).status).toBe(400);
  });

  it("quotes cells and defuses spreadsheet formulas", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
  });
});
