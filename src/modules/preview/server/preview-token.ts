import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";

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

/** What a token found: the version it opens. */
export type PreviewGrant = { fragmentId: string };

/**
 * The one place a token in a preview URL is turned into a version. Another kind of token (a share
 * link mapping to a version, revocable) is added here, so every request asks this again rather
 * than caching the answer: files are immutable and cached, grants may not be.
 */
export async function findPreviewGrant(db: Pick<Db, "fragment">, token: string): Promise<PreviewGrant | null> {
  if (!isPreviewToken(token)) return null;
  const fragment = await db.fragment.findUnique({ where: { previewToken: token }, select: { id: true } });
  return fragment ? { fragmentId: fragment.id } : null;
}
