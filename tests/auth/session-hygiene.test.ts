import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import {
  changePassword,
  INCORRECT_CREDENTIALS,
  NO_PASSWORD_TO_CHANGE,
  signIn,
  signUp,
  WRONG_CURRENT_PASSWORD,
} from "@/modules/auth/server/local-accounts";
import { WeakPasswordError } from "@/modules/auth/server/password-strength";
import { KEEP_ENDED_FOR_MS, PURGE_EVERY_MS, purgeStaleAuthRecords, purgeStaleAuthRecordsIfDue } from "@/modules/auth/server/purge";
import {
  authFromSessionToken,
  createSession,
  hashSessionToken,
  revokeAllSessionsForUser,
  SESSION_IDLE_TIMEOUT_MS,
} from "@/modules/auth/server/sessions";
import { SIGN_IN_LIMITS } from "@/modules/auth/server/sign-in-rate-limit";
import { rejection as rejectionOf } from "../support/rejection";

const PASSWORD = "a long enough password";
const NEW_PASSWORD = "quiet harbour lanterns at dusk";
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;
const freshEmail = () => `hygiene${++counter}-${Date.now()}@example.com`;
const rejection = (promise: Promise<unknown>) => rejectionOf<AppError>(promise);
const sessionRow = (token: string) => db.session.findUnique({ where: { id: hashSessionToken(token) } });

describe("purging stale auth records", () => {
  it("runs on the first sign-in of a process, then at most once per interval", async () => {
    const { userId } = await signUp({ email: freshEmail(), password: PASSWORD });
    // The sign-up above was this process's first session, so the purge just ran; seed rows it would remove.
    const stale = await db.session.create({ data: { id: `stale-${Date.now()}`, userId, expiresAt: new Date(Date.now() - 2 * DAY) } });
    await db.authAttempt.create({ data: { key: "email:old@example.com", succeeded: false, createdAt: new Date(Date.now() - 2 * DAY) } });

    await createSession(userId);
    expect(await db.session.findUnique({ where: { id: stale.id } })).not.toBeNull(); // not due yet

    const later = new Date(Date.now() + PURGE_EVERY_MS + 1000);
    expect(await purgeStaleAuthRecordsIfDue(later)).toMatchObject({ sessions: 1, authAttempts: 1 });
    expect(await db.session.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await purgeStaleAuthRecordsIfDue(new Date(later.getTime() + 60_000))).toBeNull();
  });

  it("deletes sessions a day after they expired, were revoked or went idle, and attempts older than a day; keeps the rest", async () => {
    const { userId } = await signUp({ email: freshEmail(), password: PASSWORD });
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const rows = {
      expiredLongAgo: { expiresAt: ago(KEEP_ENDED_FOR_MS + 1000) },
      expiredJustNow: { expiresAt: ago(1000) },
      revokedLongAgo: { expiresAt: new Date(now.getTime() + DAY), revokedAt: ago(KEEP_ENDED_FOR_MS + 1000) },
      idleLongAgo: { expiresAt: new Date(now.getTime() + DAY), lastSeenAt: ago(SESSION_IDLE_TIMEOUT_MS + KEEP_ENDED_FOR_MS + 1000) },
      live: { expiresAt: new Date(now.getTime() + DAY) },
    };
    for (const [name, data] of Object.entries(rows)) await db.session.create({ data: { id: `${name}-${counter}`, userId, ...data } });
    await db.authAttempt.createMany({
      data: [
        { key: "email:purge@example.com", succeeded: false, createdAt: ago(KEEP_ENDED_FOR_MS + 1000) },
        { key: "email:purge@example.com", succeeded: false, createdAt: ago(60_000) },
      ],
    });

    await purgeStaleAuthRecords(now);
    const left = (await db.session.findMany({ where: { userId, id: { endsWith: `-${counter}` } } })).map((row) => row.id.split("-")[0]);
    expect(left.sort()).toEqual(["expiredJustNow", "live"]);
    expect(await db.authAttempt.count({ where: { key: "email:purge@example.com" } })).toBe(1);
  });
});

describe("idle timeout", () => {
  it(`ends a session unused for ${SESSION_IDLE_TIMEOUT_MS / DAY} days, even though it has not expired`, async () => {
    const { session } = await signUp({ email: freshEmail(), password: PASSWORD });
    const id = hashSessionToken(session.token);
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS + 60 * 60 * 1000) } });
    expect(await authFromSessionToken(session.token)).not.toBeNull(); // in use an hour before the limit: still fine (and refreshed)

    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS - 1000) } });
    expect(await authFromSessionToken(session.token)).toBeNull();
    expect((await sessionRow(session.token))!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("change password", () => {
  it("needs the current password, then ends every other session and keeps this one", async () => {
    const email = freshEmail();
    const { userId, session: here } = await signUp({ email, password: PASSWORD });
    const { session: laptop } = await signIn({ email, password: PASSWORD });
    const { session: phone } = await signIn({ email, password: PASSWORD });

    expect(await changePassword(userId, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { keepSessionToken: here.token })).toEqual({
      endedSessions: 2,
    });
    expect(await authFromSessionToken(here.token)).toMatchObject({ userId });
    expect(await authFromSessionToken(laptop.token)).toBeNull();
    expect(await authFromSessionToken(phone.token)).toBeNull();

    expect(await rejection(signIn({ email, password: PASSWORD }))).toMatchObject({ message: INCORRECT_CREDENTIALS });
    await expect(signIn({ email, password: NEW_PASSWORD })).resolves.toMatchObject({ userId });
  });

  it("refuses a wrong current password and changes nothing; those guesses count like sign-in guesses", async () => {
    const email = freshEmail();
    const { userId, session } = await signUp({ email, password: PASSWORD });
    const { session: other } = await signIn({ email, password: PASSWORD });
    const hashBefore = (await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;

    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      const error = await rejection(changePassword(userId, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }, { keepSessionToken: session.token }));
      expect(error).toMatchObject({ code: "UNAUTHORIZED", message: WRONG_CURRENT_PASSWORD });
    }
    expect(await rejection(changePassword(userId, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBe(hashBefore);
    expect(await authFromSessionToken(other.token)).not.toBeNull();
  });

  it("refuses a weak or unchanged new password with a reason, changing nothing", async () => {
    const email = freshEmail();
    const { userId, session } = await signUp({ email, password: PASSWORD });
    const { session: other } = await signIn({ email, password: PASSWORD });

    for (const newPassword of ["password", "12345678", PASSWORD]) {
      const error = await rejection(changePassword(userId, { currentPassword: PASSWORD, newPassword }, { keepSessionToken: session.token }));
      expect(error).toBeInstanceOf(WeakPasswordError);
    }
    expect(await rejection(changePassword(userId, { currentPassword: PASSWORD, newPassword: "short" }))).toMatchObject({ code: "BAD_REQUEST" });
    await expect(signIn({ email, password: PASSWORD })).resolves.toBeDefined();
    expect(await authFromSessionToken(other.token)).not.toBeNull();
  });

  it("lets exactly one of two concurrent changes win", async () => {
    const email = freshEmail();
    const { userId } = await signUp({ email, password: PASSWORD });
    const results = await Promise.allSettled([
      changePassword(userId, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      changePassword(userId, { currentPassword: PASSWORD, newPassword: "another quiet harbour at noon" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
  });

  it("is refused for an account without a password (created through Clerk)", async () => {
    const user = await db.user.create({ data: { email: freshEmail(), clerkId: `user_${Date.now()}` } });
    expect(await rejection(changePassword(user.id, { currentPassword: "x", newPassword: NEW_PASSWORD }))).toMatchObject({
      code: "FORBIDDEN",
      message: NO_PASSWORD_TO_CHANGE,
    });
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user, the current one included", async () => {
    const email = freshEmail();
    const { userId, session } = await signUp({ email, password: PASSWORD });
    const { session: other } = await signIn({ email, password: PASSWORD });
    expect(await revokeAllSessionsForUser(userId)).toBe(2);
    expect(await authFromSessionToken(session.token)).toBeNull();
    expect(await authFromSessionToken(other.token)).toBeNull();
  });
});
