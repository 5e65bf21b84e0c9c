import { createHash, randomBytes } from "node:crypto";
import { Prisma, type MembershipRole } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { activeMembershipQuery, personalTeamForTeamless } from "@/modules/teams/server/active-team";
import { purgeStaleAuthRecordsIfDue } from "./purge";
import { SESSION_IDLE_TIMEOUT_MS, SESSION_TTL_MS } from "./session-policy";
import type { AuthContext } from "./auth-context";

/**
 * Local-account sessions. The browser holds a random 32-byte token; the database holds only its
 * SHA-256 as the Session id, so a leaked database cannot be replayed as cookies. Expiry is fixed
 * at creation (the cookie's Max-Age matches it, and cookies cannot be refreshed while rendering);
 * on top of it a session unused for SESSION_IDLE_TIMEOUT_MS stops working.
 */
export { SESSION_IDLE_TIMEOUT_MS, SESSION_TTL_MS };
// lastSeenAt drives the idle timeout: refreshing it every few minutes is precise enough for days.
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/; // base64url of 32 bytes

export type NewSession = { token: string; expiresAt: Date };

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(userId: string, details: { userAgent?: string | null } = {}): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.session.create({
    data: { id: hashSessionToken(token), userId, expiresAt, userAgent: details.userAgent?.slice(0, 512) ?? null },
  });
  // Sign-ins are when rows accumulate, so they are when old ones are cleared (at most hourly).
  await purgeStaleAuthRecordsIfDue();
  return { token, expiresAt };
}

/** The Session row id for a token of the right shape; null when there is nothing to look up. */
export function sessionIdFor(token: string | null | undefined): string | null {
  return token && TOKEN_SHAPE.test(token) ? hashSessionToken(token) : null;
}

/**
 * The session and the membership it acts through (the rule of activeMembershipFor, checked
 * against the memberships as they are now), as one SELECT: at most one row. A query that must
 * authenticate and read in one statement joins it (see pollProjectForSession).
 */
export function sessionLookup(id: string): Prisma.Sql {
  return Prisma.sql`SELECT s."userId", s."expiresAt", s."revokedAt", s."lastSeenAt", m."teamId", m."role"
    FROM "Session" s
    LEFT JOIN LATERAL (${activeMembershipQuery(Prisma.raw(`s."userId"`), Prisma.raw(`s."activeTeamId"`))}) m ON true
    WHERE s."id" = ${id}`;
}

/** Who a session cookie belongs to, or null when it is missing, unknown, expired or revoked. */
export async function authFromSessionToken(token: string | null | undefined): Promise<AuthContext | null> {
  const id = sessionIdFor(token);
  if (!id) return null;
  // One statement per request.
  const [session] = await db.$queryRaw<SessionWithMembership[]>(sessionLookup(id));
  return authFromSessionRow(id, session);
}

/** The AuthContext of a looked-up session (sessionLookup's row), or null when it is not valid now. */
export async function authFromSessionRow(id: string, session: SessionWithMembership | undefined): Promise<AuthContext | null> {
  const now = new Date();
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_TIMEOUT_MS) return null;

  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    // Conditional, so concurrent requests of one browser do not all write.
    await db.session.updateMany({
      where: { id, lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_EVERY_MS) } },
      data: { lastSeenAt: now },
    });
  }
  const membership =
    session.teamId && session.role ? { teamId: session.teamId, role: session.role } : await personalTeamForTeamless(session.userId);
  return { userId: session.userId, ...membership, sessionId: id };
}

/** sessionLookup's row. */
export type SessionWithMembership = {
  userId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastSeenAt: Date;
  teamId: string | null;
  role: MembershipRole | null;
};

/** Ends one session server-side: its cookie stops working everywhere at once. */
export async function revokeSession(token: string): Promise<void> {
  if (!TOKEN_SHAPE.test(token)) return;
  await db.session.updateMany({ where: { id: hashSessionToken(token), revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user (e.g. after a password change). Returns how many were still live. */
export async function revokeAllSessionsForUser(userId: string): Promise<number> {
  const { count } = await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

