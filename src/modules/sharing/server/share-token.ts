import { createHash, randomBytes } from "node:crypto";

/**
 * A share link's token: "s_" then 32 random bytes in base64url (256 bits). The prefix keeps it
 * apart from a preview token (43 characters, no prefix), so the preview server knows which table
 * to ask without trying both. Only the SHA-256 is stored: a database leak exposes no live link.
 */
export function newShareToken(): string {
  return `s_${randomBytes(32).toString("base64url")}`;
}

const SHARE_TOKEN = /^s_[A-Za-z0-9_-]{43}$/;

export function isShareToken(value: string): boolean {
  return SHARE_TOKEN.test(value);
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
