import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  assertCan,
  assertCanAssign,
  assertCanManageMember,
  assignableRoles,
  can,
  canManageMember,
  permissionsOf,
  TEAM_ACTIONS,
  type TeamAction,
} from "./permissions";

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

describe("rules that depend on the target", () => {
  it("owners manage everyone; admins only members below admin", () => {
    for (const target of ROLES) expect(canManageMember("OWNER", target)).toBe(true);
    expect(canManageMember("ADMIN", "MEMBER")).toBe(true);
    expect(canManageMember("ADMIN", "ADMIN")).toBe(false);
    expect(canManageMember("ADMIN", "OWNER")).toBe(false);
    expect(() => assertCanManageMember("ADMIN", "OWNER")).toThrow("Only an owner can manage owners.");
  });

  it("owners hand out any role, admins up to admin, members none", () => {
    expect(assignableRoles("OWNER")).toEqual(["OWNER", "ADMIN", "MEMBER"]);
    expect(assignableRoles("ADMIN")).toEqual(["ADMIN", "MEMBER"]);
    expect(assignableRoles("MEMBER")).toEqual([]);
    expect(() => assertCanAssign("ADMIN", "OWNER")).toThrow("Only an owner can make someone an owner.");
  });

  it("permissionsOf lists every action for the UI", () => {
    expect(Object.keys(permissionsOf("MEMBER")).sort()).toEqual(Object.keys(TEAM_ACTIONS).sort());
    expect(permissionsOf("MEMBER")["projects.manageAll"]).toBe(false);
    expect(permissionsOf("ADMIN")["projects.manageAll"]).toBe(true);
  });
});
