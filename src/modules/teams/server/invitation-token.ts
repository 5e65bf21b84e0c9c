import { createHash, randomBytes } from "node:crypto";

/** Invitations last a week; resending starts a new week with a new token. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const INVITATION_PATH = "/invitations";

/** 256 random bits for the link; only the SHA-256 is stored, so the database cannot be replayed as links. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function invitationLink(baseUrl: string, token: string): string {
  return new URL(`${INVITATION_PATH}/${token}`, baseUrl).toString();
}
