import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { diffFiles } from "./compare-files";
import { saveVersionWithoutAgent, type SavedVersion } from "./save-version";
import { requireTeamVersion } from "./version-access";
import { sameFiles, validateVersionFiles } from "./version-files";

/**
 * "Save as new version" from the Code tab: the whole edited file set (edits, new, renamed and
 * deleted files) becomes the next version, built from the version that was being edited.
 */
export async function saveHandEdit(
  db: Db,
  auth: AuthContext,
  input: { baseVersionId: string; files: Record<string, string> },
): Promise<SavedVersion> {
  const base = await requireTeamVersion(db, auth, input.baseVersionId, "versions.edit");
  const files = validateVersionFiles(input.files);
  if (sameFiles(files, base.files)) throw new AppError("BAD_REQUEST", "Nothing changed: edit a file before saving a new version.");
  const changed = diffFiles(base.files, files).filter((f) => f.status !== "unchanged");
  return saveVersionWithoutAgent(db, {
    projectId: base.projectId,
    parentId: base.id,
    origin: "EDIT",
    title: `Edited ${describe(changed.map((f) => f.path))}`,
    note: `Edited by hand from v${base.number}: ${changed.map((f) => `${f.path} (${f.status})`).join(", ")}.`.slice(0, 2000),
    files,
  });
}

function describe(paths: string[]): string {
  if (paths.length === 1) return paths[0]!;
  return `${paths[0]} and ${paths.length - 1} more file${paths.length === 2 ? "" : "s"}`;
}
