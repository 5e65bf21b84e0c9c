import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["teams"];
export type MyTeam = Outputs["list"][number];
export type CurrentTeam = Outputs["current"];
export type TeamMember = Outputs["members"]["list"][number];
export type PendingInvitation = Outputs["invitations"]["list"][number];
export type Role = TeamMember["role"];

export const ROLE_LABELS: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member" };
