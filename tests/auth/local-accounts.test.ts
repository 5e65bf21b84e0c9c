import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { rejection as rejectionOf } from "../support/rejection";
import { authFromSessionToken, hashSessionToken } from "@/modules/auth/server/sessions";
import { EMAIL_TAKEN, INCORRECT_CREDENTIALS, signIn, signUp } from "@/modules/auth/server/local-accounts";

const PASSWORD = "a long enough password";
let counter = 0;
const freshEmail = () => `person${++counter}-${Date.now()}@example.com`;

const rejection = (promise: Promise<unknown>) => rejectionOf<AppError>(promise);

describe("sign-up", () => {
  it("creates the user (email lower-cased), a personal FREE team and an OWNER membership, and signs in", async () => {
    const email = freshEmail();
    const { userId, session } = await signUp(
      { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: " Ada Lovelace " },
      { userAgent: "vitest" },
    );

    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { include: { team: true } } } });
    expect(user.email).toBe(email);
    expect(user.name).toBe("Ada Lovelace");
    expect(user.passwordHash).toMatch(/^\$scrypt\$/);
    expect(user.memberships).toHaveLength(1);
    const [membership] = user.memberships;
    expect(membership).toMatchObject({ role: "OWNER", team: { personal: true, plan: "FREE", name: "Ada Lovelace's team" } });

    expect(await authFromSessionToken(session.token)).toEqual({ userId, teamId: membership!.teamId, role: "OWNER", sessionId: expect.any(String) });
    const stored = await db.session.findUniqueOrThrow({ where: { id: hashSessionToken(session.token) } });
    expect(stored).toMatchObject({ userId, userAgent: "vitest", revokedAt: null });
  });

  it("names the personal team after the email when no name is given", async () => {
    const email = freshEmail();
    const { userId } = await signUp({ email, password: PASSWORD });
    const team = await db.team.findFirstOrThrow({ where: { memberships: { some: { userId } } } });
    expect(team.name).toBe(`${email.split("@")[0]}'s team`);
  });

  it("refuses an email that is already registered, whatever its case, and creates nothing", async () => {
    const email = freshEmail();
    await signUp({ email, password: PASSWORD });
    const teamsBefore = await db.team.count();

    const error = await rejection(signUp({ email: email.toUpperCase(), password: "another password" }));
    expect(error).toMatchObject({ code: "CONFLICT", message: EMAIL_TAKEN });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.team.count()).toBe(teamsBefore);
  });

  it("validates email and password length", async () => {
    expect(await rejection(signUp({ email: "not-an-email", password: PASSWORD }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "Enter a valid email address",
    });
    expect(await rejection(signUp({ email: freshEmail(), password: "short" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "Use at least 8 characters",
    });
    expect(await rejection(signUp({ email: freshEmail(), password: "x".repeat(129) }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "Use at most 128 characters",
    });
  });
});

describe("sign-in", () => {
  it("opens a new session for the right password, with any email case", async () => {
    const email = freshEmail();
    const { userId, session: first } = await signUp({ email, password: PASSWORD });

    const { userId: signedIn, session } = await signIn({ email: email.toUpperCase(), password: PASSWORD });
    expect(signedIn).toBe(userId);
    expect(session.token).not.toBe(first.token);
    expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    expect((await authFromSessionToken(session.token))?.userId).toBe(userId);
  });

  it("gives the same generic error for a wrong password and for an unknown email", async () => {
    const email = freshEmail();
    await signUp({ email, password: PASSWORD });

    const wrongPassword = await rejection(signIn({ email, password: "not the password" }));
    const unknownEmail = await rejection(signIn({ email: freshEmail(), password: PASSWORD }));
    expect(wrongPassword).toMatchObject({ code: "UNAUTHORIZED", message: INCORRECT_CREDENTIALS });
    expect(unknownEmail).toMatchObject({ code: "UNAUTHORIZED", message: INCORRECT_CREDENTIALS });
  });

  it("refuses users without a password (Clerk-created) like any wrong password", async () => {
    const email = freshEmail();
    await db.user.create({ data: { email, clerkId: `user_${counter}` } });
    expect(await rejection(signIn({ email, password: PASSWORD }))).toMatchObject({ message: INCORRECT_CREDENTIALS });
  });

  it("gives a user who has no team yet their personal team on first sign-in", async () => {
    const email = freshEmail();
    const { userId } = await signUp({ email, password: PASSWORD });
    await db.team.deleteMany({ where: { memberships: { some: { userId } } } });

    const { session } = await signIn({ email, password: PASSWORD });
    const teams = await db.team.findMany({ where: { memberships: { some: { userId, role: "OWNER" } } } });
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ personal: true, plan: "FREE" });
    expect(await authFromSessionToken(session.token)).toEqual({ userId, teamId: teams[0]!.id, role: "OWNER", sessionId: expect.any(String) });
  });
});
