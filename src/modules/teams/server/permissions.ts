import type { MembershipRole } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * The one permission matrix. Every team-scoped procedure asks `assertCan(auth.role, action)`
 * (or `can`) instead of checking roles itself; tests walk this table role × action.
 * Rules that depend on the target as well as the actor (an admin may only manage members below
 * admin, a team keeps at least one owner) live beside the action they refine, in the teams module.
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
  "usage.viewAll": "Only owners and admins can see everyone's usage.",
};

export function can(role: MembershipRole, action: TeamAction): boolean {
  return (TEAM_ACTIONS[action] as readonly MembershipRole[]).includes(role);
}

/** Throws FORBIDDEN with a message the UI can show as it is. */
export function assertCan(role: MembershipRole, action: TeamAction): void {
  if (!can(role, action)) throw new AppError("FORBIDDEN", REFUSALS[action] ?? "Your role in this team does not allow that.");
}
