import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { findActiveShareLink } from "@/modules/sharing/server/find-share-link";
import { isShareToken } from "@/modules/sharing/server/share-token";

/**
 * A preview URL is a capability: whoever has it sees that version, signed in or not. So it
 * carries 32 random bytes (256 bits, base64url), never a row id. Fragment ids are cuids — a
 * counter, a timestamp and ~41 bits from Math.random — which neighbouring ids make guessable.
 */
export function newPreviewToken(): string {
  return randomBytes(32).toString("base64url");
}

/** 32 bytes in base64url without padding: exactly 43 characters. */
const PREVIEW_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function isPreviewToken(value: string): boolean {
  return PREVIEW_TOKEN.test(value);
}

/** A token the preview server accepts in /p/<token>/: a version's own preview token or a share link's. */
export function isGrantToken(value: string): boolean {
  return isPreviewToken(value) || isShareToken(value);
}

/**
 * What a token found: the version it opens. `revocable`: a share link, which may be revoked or
 * expire, so nothing served under it may be cached past the request.
 */
export type PreviewGrant = { fragmentId: string; revocable?: true };

/**
 * The one place a token in a preview URL is turned into a version: a fragment's preview token
 * (permanent) or a share link's (revocable; checked for revocation and expiry here). Every
 * request asks this again rather than caching the answer: files are immutable and cached, grants
 * may not be.
 */
export async function findPreviewGrant(db: Pick<Db, "fragment" | "shareLink">, token: string): Promise<PreviewGrant | null> {
  if (isShareToken(token)) {
    const link = await findActiveShareLink(db, token);
    return link ? { fragmentId: link.fragmentId, revocable: true } : null;
  }
  if (!isPreviewToken(token)) return null;
  const fragment = await db.fragment.findUnique({ where: { previewToken: token }, select: { id: true } });
  return fragment ? { fragmentId: fragment.id } : null;
}
