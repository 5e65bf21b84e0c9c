import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { displayNameOf } from "@/modules/auth/display-name";
import { requireTeamProject } from "@/modules/projects/server/project-access";
import { requireTeamVersion } from "@/modules/versions/server/version-access";
import { assertCan } from "@/modules/teams/server/permissions";
import { hashShareToken, newShareToken } from "./share-token";

/** Longest expiry offered: a year. Unset: the link lasts until revoked. */
export const MAX_SHARE_DAYS = 365;
export const SHARE_LINK_NOT_FOUND = "Share link not found.";

/** The public viewer page a token opens (on the app's origin; its files come from the preview server). */
export function shareUrlFor(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/s/${encodeURIComponent(token)}`;
}

/**
 * A public link to one version. The token is shown once, in the returned URL; only its hash is
 * kept, so the list cannot show it again (copy it now, or make another).
 */
export async function createShareLink(
  db: Db,
  auth: AuthContext,
  input: { fragmentId: string; expiresInDays?: number },
  { appUrl, now = new Date() }: { appUrl: string; now?: Date },
) {
  const version = await requireTeamVersion(db, auth, input.fragmentId, "sharing.manage");
  const token = newShareToken();
  const expiresAt = input.expiresInDays === undefined ? null : new Date(now.getTime() + input.expiresInDays * 24 * 60 * 60 * 1000);
  const link = await db.shareLink.create({
    data: { projectId: version.projectId, fragmentId: version.id, tokenHash: hashShareToken(token), createdById: auth.userId, expiresAt },
    select: { id: true, expiresAt: true },
  });
  return { id: link.id, url: shareUrlFor(appUrl, token), expiresAt: link.expiresAt, versionNumber: version.number };
}

/** A project's links, newest first, with who made each and whether it still opens. */
export async function listShareLinks(db: Db, auth: AuthContext, projectId: string, now = new Date()) {
  await requireTeamProject(db, auth, projectId, "sharing.manage");
  const links = await db.shareLink.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      createdById: true,
      createdBy: { select: { name: true, email: true } },
      fragment: { select: { id: true, number: true, title: true } },
    },
  });
  return links.map(({ createdBy, createdById, fragment, ...link }) => ({
    ...link,
    version: fragment,
    createdBy: createdBy ? (createdById === auth.userId ? "You" : displayNameOf(createdBy)) : "A former member",
    status: link.revokedAt ? ("revoked" as const) : link.expiresAt && link.expiresAt <= now ? ("expired" as const) : ("active" as const),
  }));
}

/** Revokes a link of the caller's team; the page and its files answer 404 from the next request. Revoking twice is a no-op. */
export async function revokeShareLink(db: Db, auth: AuthContext, linkId: string, now = new Date()) {
  const link = await db.shareLink.findFirst({ where: { id: linkId, project: { teamId: auth.teamId } }, select: { id: true, revokedAt: true } });
  if (!link) throw new AppError("NOT_FOUND", SHARE_LINK_NOT_FOUND);
  assertCan(auth.role, "sharing.manage");
  if (!link.revokedAt) await db.shareLink.updateMany({ where: { id: link.id, revokedAt: null }, data: { revokedAt: now } });
  return { id: link.id };
}
