import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { PLANS } from "@/modules/credits/server/plans";
import { lockTeamPlan } from "@/modules/runs/server/team-lock";

/**
 * Refuses a new project once the team has PLANS[plan].maxProjects. Inside the creating
 * transaction, with the team row locked, so concurrent creates cannot overshoot the cap.
 */
export async function assertTeamMayCreateProject(tx: Prisma.TransactionClient, teamId: string): Promise<void> {
  const plan = await lockTeamPlan(tx, teamId);
  const { maxProjects, label } = PLANS[plan];
  const projects = await tx.project.count({ where: { teamId } });
  if (projects >= maxProjects) {
    throw new AppError(
      "FORBIDDEN",
      `Your team has reached the ${label} plan's limit of ${maxProjects} projects. Delete a project you no longer need, then try again. No credit was used.`,
    );
  }
}
