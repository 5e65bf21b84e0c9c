import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { saveVersionWithoutAgent, type SavedVersion } from "./save-version";
import { requireTeamVersion } from "./version-access";

/** "Restore this version": vK's files become the next version at the head (parent: vK). */
export async function restoreVersion(db: Db, auth: AuthContext, fragmentId: string): Promise<SavedVersion> {
  const version = await requireTeamVersion(db, auth, fragmentId, "versions.edit");
  return saveVersionWithoutAgent(db, {
    projectId: version.projectId,
    parentId: version.id,
    origin: "RESTORE",
    title: `Restored v${version.number}`,
    note: `Restored v${version.number} (${version.title}).`,
    files: version.files,
  });
}
