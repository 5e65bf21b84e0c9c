import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { diffFiles } from "./compare-files";
import { requireTeamVersion, VERSION_NOT_FOUND } from "./version-access";

/**
 * What changed from `fromId` to `toId` — by default from the version `toId` was built from.
 * Both must be versions of the same project of the caller's team. Unchanged files come without
 * their contents (the UI lists them only); the rest carry both sides for a per-file diff.
 */
export async function compareVersions(db: Db, auth: AuthContext, input: { toId: string; fromId?: string }) {
  const to = await requireTeamVersion(db, auth, input.toId);
  const fromId = input.fromId ?? to.parentId;
  const from = fromId ? await requireTeamVersion(db, auth, fromId) : null;
  if (from && from.projectId !== to.projectId) throw new AppError("NOT_FOUND", VERSION_NOT_FOUND);
  const files = diffFiles(from?.files ?? {}, to.files).map((change) =>
    change.status === "unchanged" ? { ...change, before: null, after: null } : change,
  );
  return {
    from: from ? { id: from.id, number: from.number, title: from.title } : null,
    to: { id: to.id, number: to.number, title: to.title },
    files,
  };
}
