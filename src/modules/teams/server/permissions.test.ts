import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertCan, can, TEAM_ACTIONS, type TeamAction } from "./permissions";

const ROLES = ["OWNER", "ADMIN", "MEMBER"] as const;

describe("permission matrix", () => {
  it("owners may do everything", () => {
    for (const action of Object.keys(TEAM_ACTIONS) as TeamAction[]) expect(can("OWNER", action)).toBe(true);
  });

  it("members may use the team's projects but not manage the team", () => {
    expect(can("MEMBER", "projects.prompt")).toBe(true);
    expect(can("MEMBER", "projects.manageOwn")).toBe(true);
    for (const action of ["projects.manageAll", "members.invite", "team.changePlan", "usage.viewAll"] as const) {
      expect(can("MEMBER", action)).toBe(false);
    }
  });

  it("admins manage members and projects but not the plan, deletion or ownership", () => {
    for (const action of ["members.invite", "members.setCap", "projects.manageAll"] as const) expect(can("ADMIN", action)).toBe(true);
    for (const action of ["team.changePlan", "team.delete", "team.transferOwnership"] as const) expect(can("ADMIN", action)).toBe(false);
  });

  it("a refusal is FORBIDDEN with a message for the UI", () => {
    for (const role of ROLES) {
      for (const action of Object.keys(TEAM_ACTIONS) as TeamAction[]) {
        if (can(role, action)) expect(() => assertCan(role, action)).not.toThrow();
        else {
          const error = (() => {
            try {
              assertCan(role, action);
            } catch (e) {
              return e;
            }
          })();
          expect(error).toBeInstanceOf(AppError);
          expect(error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/\w/) });
        }
      }
    }
  });
});
