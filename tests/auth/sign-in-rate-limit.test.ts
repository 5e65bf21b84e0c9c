import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { rejection as rejectionOf } from "../support/rejection";
import { INCORRECT_CREDENTIALS, signIn, signUp } from "@/modules/auth/server/local-accounts";
import { RateLimitedError, recordSignInAttempt, SIGN_IN_LIMITS } from "@/modules/auth/server/sign-in-rate-limit";

const PASSWORD = "a long enough password";
let counter = 0;
const freshEmail = () => `r${++counter}-${Date.now()}@example.com`;
const freshAddress = () => `203.0.113.${++counter}`;

const rejection = (promise: Promise<unknown>) => rejectionOf<AppError>(promise);

describe("sign-in rate limit", () => {
  it(`blocks an email after ${SIGN_IN_LIMITS.perEmail} failures, even with the right password, and says when to retry`, async () => {
    const email = freshEmail();
    await signUp({ email, password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      // Different addresses each time: this is the per-email limit.
      const error = await rejection(signIn({ email, password: "wrong password" }, { clientAddress: freshAddress() }));
      expect(error.message).toBe(INCORRECT_CREDENTIALS);
    }

    const blocked = await rejection(signIn({ email, password: PASSWORD }, { clientAddress: freshAddress() }));
    expect(blocked).toBeInstanceOf(RateLimitedError);
    expect(blocked).toMatchObject({ code: "TOO_MANY_REQUESTS", message: "Too many sign-in attempts. Try again in 15 minutes." });
    const retryAfter = (blocked as RateLimitedError).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // Another email from the same addresses is unaffected.
    const other = freshEmail();
    await signUp({ email: other, password: PASSWORD });
    await expect(signIn({ email: other, password: PASSWORD })).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it("counts unknown emails too, so the limit does not reveal which accounts exist", async () => {
    const email = freshEmail();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await rejection(signIn({ email, password: "guess" }));
    expect(await rejection(signIn({ email, password: "guess" }))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it(`blocks a client address after ${SIGN_IN_LIMITS.perAddress} failures across emails, and only that address`, async () => {
    const address = freshAddress();
    // Failures spread over many emails, each under its own limit.
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress - 1; i++) {
      await recordSignInAttempt({ email: freshEmail(), clientAddress: address }, false);
    }
    const email = freshEmail();
    await signUp({ email, password: PASSWORD });
    expect(await rejection(signIn({ email, password: "wrong" }, { clientAddress: address }))).toMatchObject({
      message: INCORRECT_CREDENTIALS,
    });

    expect(await rejection(signIn({ email, password: PASSWORD }, { clientAddress: address }))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    await expect(signIn({ email, password: PASSWORD }, { clientAddress: freshAddress() })).resolves.toBeDefined();
  });

  it("never counts successful sign-ins", async () => {
    const email = freshEmail();
    const address = freshAddress();
    await signUp({ email, password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail + 1; i++) await signIn({ email, password: PASSWORD }, { clientAddress: address });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail - 1; i++) await rejection(signIn({ email, password: "wrong" }, { clientAddress: address }));
    await expect(signIn({ email, password: PASSWORD }, { clientAddress: address })).resolves.toBeDefined();
    expect(await db.authAttempt.count({ where: { key: `email:${email}`, succeeded: true } })).toBe(SIGN_IN_LIMITS.perEmail + 2);
  });

  it("forgets failures older than the window", async () => {
    const email = freshEmail();
    await signUp({ email, password: PASSWORD });
    const longAgo = new Date(Date.now() - SIGN_IN_LIMITS.windowMs - 1000);
    await db.authAttempt.createMany({
      data: Array.from({ length: 10 }, () => ({ key: `email:${email}`, succeeded: false, createdAt: longAgo })),
    });
    await expect(signIn({ email, password: PASSWORD })).resolves.toBeDefined();
  });
});
