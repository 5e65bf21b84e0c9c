import type { Db } from "@/lib/db/client";
import { hashShareToken, isShareToken } from "./share-token";

/**
 * The version a share token opens right now, or null: unknown, revoked or expired. Asked on every
 * request (the viewer page and each file the preview server serves under the token), never
 * cached, so a revocation or an expiry takes effect on the next request.
 */
export async function findActiveShareLink(db: Pick<Db, "shareLink">, token: string, now = new Date()) {
  if (!isShareToken(token)) return null;
  const link = await db.shareLink.findUnique({
    where: { tokenHash: hashShareToken(token) },
    select: {
      fragmentId: true,
      expiresAt: true,
      revokedAt: true,
      fragment: { select: { number: true, title: true, project: { select: { name: true } } } },
    },
  });
  if (!link || link.revokedAt || (link.expiresAt && link.expiresAt <= now)) return null;
  return {
    fragmentId: link.fragmentId,
    number: link.fragment.number,
    title: link.fragment.title,
    projectName: link.fragment.project.name,
    expiresAt: link.expiresAt,
  };
}
