import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { assertCan, type TeamAction } from "@/modules/teams/server/permissions";

export const PROJECT_NOT_FOUND = "Project not found.";

/**
 * Throws NOT_FOUND unless the project belongs to the caller's team (another team's answers like
 * a missing one), then FORBIDDEN unless the caller's role allows `action` there.
 */
export async function requireTeamProject(db: Db, auth: AuthContext, projectId: string, action: TeamAction = "projects.view"): Promise<void> {
  const project = await db.project.findFirst({ where: { id: projectId, teamId: auth.teamId }, select: { id: true } });
  if (!project) throw new AppError("NOT_FOUND", PROJECT_NOT_FOUND);
  assertCan(auth.role, action);
}
