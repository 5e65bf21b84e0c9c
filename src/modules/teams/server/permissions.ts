import type { MembershipRole } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * The one permission matrix. Every team-scoped procedure asks `assertCan(auth.role, action)`
 * (or `can`) instead of checking roles itself; tests walk this table role × action and role ×
 * procedure. Rules that depend on the target as well as the actor (an admin only manages members
 * below admin, only owners grant OWNER) are the functions below the table; the last-owner rule
 * needs the database and lives in owners.ts.
 */
export const TEAM_ACTIONS = {
  // The team itself
  "team.view": ["OWNER", "ADMIN", "MEMBER"],
  "team.rename": ["OWNER", "ADMIN"],
  "team.delete": ["OWNER"],
  "team.transferOwnership": ["OWNER"],
  "team.changePlan": ["OWNER"],
  "team.modelSettings": ["OWNER"],
  // Members and invitations
  "members.view": ["OWNER", "ADMIN", "MEMBER"],
  "members.invite": ["OWNER", "ADMIN"],
  "members.remove": ["OWNER", "ADMIN"],
  "members.changeRole": ["OWNER", "ADMIN"],
  "members.setCap": ["OWNER", "ADMIN"],
  // Projects and generations
  "projects.create": ["OWNER", "ADMIN", "MEMBER"],
  "projects.view": ["OWNER", "ADMIN", "MEMBER"],
  "projects.prompt": ["OWNER", "ADMIN", "MEMBER"],
  "projects.manageOwn": ["OWNER", "ADMIN", "MEMBER"],
  "projects.manageAll": ["OWNER", "ADMIN"],
  /** Restore a version or save a hand edit as a new one (no credit, no sandbox). */
  "versions.edit": ["OWNER", "ADMIN", "MEMBER"],
  /** Create, list and revoke a project's public share links. */
  "sharing.manage": ["OWNER", "ADMIN", "MEMBER"],
  "runs.cancelOwn": ["OWNER", "ADMIN", "MEMBER"],
  "runs.cancelAny": ["OWNER", "ADMIN"],
  // Usage
  "usage.viewOwn": ["OWNER", "ADMIN", "MEMBER"],
  "usage.viewAll": ["OWNER", "ADMIN"],
} as const satisfies Record<string, readonly MembershipRole[]>;

export type TeamAction = keyof typeof TEAM_ACTIONS;

/** What the UI shows when an action is refused: what the role cannot do and who can. */
const REFUSALS: Partial<Record<TeamAction, string>> = {
  "team.delete": "Only the team's owner can delete the team.",
  "team.transferOwnership": "Only an owner can transfer ownership.",
  "team.changePlan": "Only the team's owner can change its plan.",
  "team.modelSettings": "Only the team's owner can change its model settings.",
  "team.rename": "Only owners and admins can rename the team.",
  "members.invite": "Only owners and admins can invite people.",
  "members.remove": "Only owners and admins can remove members.",
  "members.changeRole": "Only owners and admins can change roles.",
  "members.setCap": "Only owners and admins can set spending caps.",
  "projects.manageAll": "Only the project's creator, owners and admins can do that.",
  "runs.cancelAny": "Only the person who started this generation, owners and admins can stop it.",
  "usage.viewAll": "Only owners and admins can see everyone's usage.",
};

export function can(role: MembershipRole, action: TeamAction): boolean {
  return (TEAM_ACTIONS[action] as readonly MembershipRole[]).includes(role);
}

/** Throws FORBIDDEN with a message the UI can show as it is. */
export function assertCan(role: MembershipRole, action: TeamAction): void {
  if (!can(role, action)) throw new AppError("FORBIDDEN", REFUSALS[action] ?? "Your role in this team does not allow that.");
}

/** Everything the role may do, for the UI to show only the controls that will work. */
export function permissionsOf(role: MembershipRole): Record<TeamAction, boolean> {
  return Object.fromEntries((Object.keys(TEAM_ACTIONS) as TeamAction[]).map((action) => [action, can(role, action)])) as Record<
    TeamAction,
    boolean
  >;
}

/** For actions on one's own row or anyone's: e.g. renaming one's own project vs. anyone's. */
export function assertCanOwnOrAny(role: MembershipRole, isOwn: boolean, own: TeamAction, any: TeamAction): void {
  assertCan(role, isOwn ? own : any);
}

const RANK: Record<MembershipRole, number> = { MEMBER: 0, ADMIN: 1, OWNER: 2 };

/**
 * Whether `actor` may remove, re-role or cap a member whose role is `target`: owners manage
 * everyone; admins only members below admin. (Assumes the action itself is allowed.)
 */
export function canManageMember(actor: MembershipRole, target: MembershipRole): boolean {
  return actor === "OWNER" || RANK[target] < RANK.ADMIN;
}

export function assertCanManageMember(actor: MembershipRole, target: MembershipRole): void {
  if (!canManageMember(actor, target)) {
    throw new AppError("FORBIDDEN", `Only an owner can manage ${target === "OWNER" ? "owners" : "admins"}.`);
  }
}

/** The roles `actor` may hand out (in an invitation or a role change): owners any, admins up to admin. */
export function assignableRoles(actor: MembershipRole): MembershipRole[] {
  if (actor === "OWNER") return ["OWNER", "ADMIN", "MEMBER"];
  if (actor === "ADMIN") return ["ADMIN", "MEMBER"];
  return [];
}

export function assertCanAssign(actor: MembershipRole, role: MembershipRole): void {
  if (assignableRoles(actor).includes(role)) return;
  if (role === "OWNER") throw new AppError("FORBIDDEN", "Only an owner can make someone an owner.");
  throw new AppError("FORBIDDEN", "Your role in this team does not allow giving that role.");
}
