import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { assertCan } from "@/modules/teams/server/permissions";

export const screenshotViewportSchema = z.enum(["desktop", "phone"]);
export type ScreenshotViewport = z.infer<typeof screenshotViewportSchema>;

/**
 * One version's screenshot for a member of its team, like messages.fragmentFiles: another team's
 * version, a version without a screenshot and a missing one all answer NOT_FOUND.
 */
export async function versionScreenshot(db: Db, auth: AuthContext, fragmentId: string, viewport: ScreenshotViewport) {
  assertCan(auth.role, "projects.view");
  const fragment = await db.fragment.findFirst({
    where: { id: fragmentId, project: { teamId: auth.teamId } },
    select: { screenshotDesktop: viewport === "desktop", screenshotPhone: viewport === "phone" },
  });
  const bytes = viewport === "desktop" ? fragment?.screenshotDesktop : fragment?.screenshotPhone;
  if (!bytes) throw new AppError("NOT_FOUND", "Screenshot not found.");
  return { bytes: Buffer.from(bytes), type: "image/jpeg" };
}
