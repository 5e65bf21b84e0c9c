import type { Db } from "@/lib/db/client";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { requireTeamProject } from "@/modules/projects/server/project-access";

/** A project's versions, newest first, with what each was built from and how (no files). */
export async function listVersions(db: Db, auth: AuthContext, projectId: string) {
  await requireTeamProject(db, auth, projectId);
  const rows = await db.fragment.findMany({
    where: { projectId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true, origin: true, createdAt: true, parent: { select: { id: true, number: true } } },
  });
  return rows.map(({ parent, ...row }) => ({ ...row, parentId: parent?.id ?? null, parentNumber: parent?.number ?? null }));
}
