import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { assertCan, type TeamAction } from "@/modules/teams/server/permissions";

export const VERSION_NOT_FOUND = "Version not found.";

/**
 * A version of the caller's team, or NOT_FOUND (another team's answers like a missing one), then
 * FORBIDDEN unless the role allows `action`.
 */
export async function requireTeamVersion(
  db: Db | Prisma.TransactionClient,
  auth: AuthContext,
  fragmentId: string,
  action: TeamAction = "projects.view",
) {
  const version = await db.fragment.findFirst({
    where: { id: fragmentId, project: { teamId: auth.teamId } },
    select: { id: true, projectId: true, number: true, title: true, files: true, parentId: true },
  });
  if (!version) throw new AppError("NOT_FOUND", VERSION_NOT_FOUND);
  assertCan(auth.role, action);
  return { ...version, files: version.files as Record<string, string> };
}
