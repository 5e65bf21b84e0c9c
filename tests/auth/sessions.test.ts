import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ensurePersonalTeam } from "@/modules/teams/server/personal-team";
import {
  authFromSessionToken,
  createSession,
  revokeAllSessionsForUser,
  revokeSession,
  SESSION_TTL_MS,
} from "@/modules/auth/server/sessions";

let counter = 0;
async function userWithTeam() {
  const user = await db.user.create({ data: { email: `s${++counter}-${Date.now()}@example.com` } });
  const teamId = await ensurePersonalTeam(user.id, "Sam");
  return { userId: user.id, teamId, role: "OWNER" as const };
}

describe("sessions", () => {
  it("keeps only the SHA-256 of the 32-byte token, which authenticates as user + active team", async () => {
    const { userId, teamId } = await userWithTeam();
    const { token, expiresAt } = await createSession(userId);

    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await db.session.findMany({ where: { userId } });
    expect(rows.map((row) => row.id)).toEqual([createHash("sha256").update(token).digest("hex")]);
    expect(rows[0]!.id).not.toContain(token);
    expect(Math.abs(expiresAt.getTime() - (Date.now() + SESSION_TTL_MS))).toBeLessThan(5_000);
    expect(await authFromSessionToken(token)).toEqual({ userId, teamId, role: "OWNER", sessionId: createHash("sha256").update(token).digest("hex") });
  });

  it("rejects missing, malformed and unknown tokens", async () => {
    expect(await authFromSessionToken(undefined)).toBeNull();
    expect(await authFromSessionToken("")).toBeNull();
    expect(await authFromSessionToken("not a token")).toBeNull();
    expect(await authFromSessionToken("A".repeat(43))).toBeNull();
  });

  it("stops accepting a token once it is revoked (sign-out)", async () => {
    const { userId } = await userWithTeam();
    const { token } = await createSession(userId);
    const other = await createSession(userId);

    await revokeSession(token);
    expect(await authFromSessionToken(token)).toBeNull();
    expect((await authFromSessionToken(other.token))?.userId).toBe(userId);
    // Revoking twice keeps the first revocation time.
    const { revokedAt } = await db.session.findFirstOrThrow({ where: { userId, revokedAt: { not: null } } });
    await revokeSession(token);
    expect((await db.session.findFirstOrThrow({ where: { userId, revokedAt: { not: null } } })).revokedAt).toEqual(revokedAt);
  });

  it("rejects an expired session", async () => {
    const { userId } = await userWithTeam();
    const { token } = await createSession(userId);
    await db.session.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authFromSessionToken(token)).toBeNull();
  });

  it("revokes every session of one user and none of anyone else's", async () => {
    const alice = await userWithTeam();
    const bob = await userWithTeam();
    const aliceTokens = await Promise.all([createSession(alice.userId), createSession(alice.userId), createSession(alice.userId)]);
    const bobSession = await createSession(bob.userId);

    expect(await revokeAllSessionsForUser(alice.userId)).toBe(3);
    for (const { token } of aliceTokens) expect(await authFromSessionToken(token)).toBeNull();
    expect(await authFromSessionToken(bobSession.token)).toMatchObject(bob);
  });

  it("moves lastSeenAt forward only when it is a few minutes old", async () => {
    const { userId } = await userWithTeam();
    const { token } = await createSession(userId);
    const lastSeen = async () => (await db.session.findFirstOrThrow({ where: { userId } })).lastSeenAt.getTime();

    const fresh = await lastSeen();
    await authFromSessionToken(token);
    expect(await lastSeen()).toBe(fresh);

    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    await db.session.updateMany({ where: { userId }, data: { lastSeenAt: tenMinutesAgo } });
    await authFromSessionToken(token);
    expect(await lastSeen()).toBeGreaterThan(Date.now() - 60_000);
  });
});
