import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { createBoundedRunner, defaultHashingConcurrency, passwordHashing, SERVER_BUSY } from "@/modules/auth/server/bounded-hashing";
import { INCORRECT_CREDENTIALS, signIn, signUp } from "@/modules/auth/server/local-accounts";
import { hashPassword } from "@/modules/auth/server/password";
import { SIGN_IN_LIMITS } from "@/modules/auth/server/sign-in-rate-limit";
import { GLOBAL_SIGN_UP_KEY, SIGN_UP_LIMITS } from "@/modules/auth/server/sign-up-rate-limit";

const PASSWORD = "a long enough password";
let counter = 0;
const freshEmail = () => `race${++counter}-${Date.now()}@example.com`;
const freshAddress = () => `198.51.100.${++counter}`;

const outcomes = (results: PromiseSettledResult<unknown>[]) =>
  results.map((result) => (result.status === "fulfilled" ? "OK" : (result.reason as AppError).code ?? String(result.reason)));
const tally = (values: string[]) => Object.fromEntries([...new Set(values)].map((value) => [value, values.filter((v) => v === value).length]));

describe("sign-in guesses racing each other", () => {
  it(`evaluate at most ${SIGN_IN_LIMITS.perEmail} of 60 parallel guesses on one email`, async () => {
    const email = freshEmail();
    await signUp({ email, password: PASSWORD });
    const hashesBefore = passwordHashing.stats().started;

    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => signIn({ email, password: `wrong guess ${i}` }, { clientAddress: freshAddress() })),
    );

    expect(tally(outcomes(results))).toEqual({ UNAUTHORIZED: SIGN_IN_LIMITS.perEmail, TOO_MANY_REQUESTS: 60 - SIGN_IN_LIMITS.perEmail });
    for (const result of results) {
      if (result.status === "rejected" && (result.reason as AppError).code === "UNAUTHORIZED") {
        expect((result.reason as AppError).message).toBe(INCORRECT_CREDENTIALS);
      }
    }
    // Only the admitted guesses reached scrypt, and only they stay on record.
    expect(passwordHashing.stats().started - hashesBefore).toBe(SIGN_IN_LIMITS.perEmail);
    expect(await db.authAttempt.count({ where: { key: `email:${email}` } })).toBe(SIGN_IN_LIMITS.perEmail);
    // Even the right password now waits out the window.
    await expect(signIn({ email, password: PASSWORD })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("let a right password through a race and stop counting it once it succeeded", async () => {
    const email = freshEmail();
    await signUp({ email, password: PASSWORD });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => signIn({ email, password: PASSWORD })));
    const tallied = tally(outcomes(results));
    expect(tallied.OK).toBeGreaterThanOrEqual(1);
    expect(tallied.OK! + (tallied.TOO_MANY_REQUESTS ?? 0)).toBe(8);
    expect(await db.authAttempt.count({ where: { key: `email:${email}`, succeeded: false } })).toBe(0);
    await expect(signIn({ email, password: PASSWORD })).resolves.toBeDefined();
  });
});

describe("sign-up limits", () => {
  it(`create at most ${SIGN_UP_LIMITS.perAddress} accounts per address in a parallel burst, refusing the rest before hashing`, async () => {
    const address = freshAddress();
    const hashesBefore = passwordHashing.stats().started;
    const emails = Array.from({ length: SIGN_UP_LIMITS.perAddress + 6 }, freshEmail);

    const results = await Promise.allSettled(emails.map((email) => signUp({ email, password: PASSWORD }, { clientAddress: address })));

    const tallied = tally(outcomes(results));
    expect(tallied.OK).toBe(SIGN_UP_LIMITS.perAddress);
    expect(tallied.OK! + tallied.TOO_MANY_REQUESTS!).toBe(emails.length);
    expect(passwordHashing.stats().started - hashesBefore).toBe(tallied.OK);
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(tallied.OK);

    // Sequentially, the address is now full; another address is not.
    await expect(signUp({ email: freshEmail(), password: PASSWORD }, { clientAddress: address })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/^Too many accounts were created recently\. Try again in \d+ minutes?\.$/),
    });
    await expect(signUp({ email: freshEmail(), password: PASSWORD }, { clientAddress: freshAddress() })).resolves.toBeDefined();
  });

  it(`stop after ${SIGN_UP_LIMITS.global} sign-ups an hour server-wide, whatever the address`, async () => {
    const createdAt = new Date();
    const recent = await db.authAttempt.count({ where: { key: GLOBAL_SIGN_UP_KEY } });
    await db.authAttempt.createMany({
      data: Array.from({ length: SIGN_UP_LIMITS.global - recent }, () => ({ key: GLOBAL_SIGN_UP_KEY, succeeded: true, createdAt })),
    });
    const hashesBefore = passwordHashing.stats().started;
    for (const clientAddress of [freshAddress(), freshAddress(), null]) {
      await expect(signUp({ email: freshEmail(), password: PASSWORD }, { clientAddress })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    }
    expect(passwordHashing.stats().started).toBe(hashesBefore);
    await db.authAttempt.deleteMany({ where: { key: GLOBAL_SIGN_UP_KEY } });
  });
});

describe("bounded password hashing", () => {
  it("leaves libuv threads free: fewer hashes at once than the thread pool has threads", () => {
    const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
    expect(passwordHashing.stats().concurrency).toBe(defaultHashingConcurrency());
    expect(passwordHashing.stats().concurrency).toBeLessThan(pool);
    expect(defaultHashingConcurrency(4, 2)).toBe(1);
    expect(defaultHashingConcurrency(4, 16)).toBe(2);
    expect(defaultHashingConcurrency(16, 8)).toBe(7);
    expect(defaultHashingConcurrency(1, 1)).toBe(1);
  });

  it("never runs more hashes at once than its bound, however many are asked for", async () => {
    let maxActive = 0;
    const timer = setInterval(() => (maxActive = Math.max(maxActive, passwordHashing.stats().active)), 2);
    await Promise.all(Array.from({ length: 12 }, (_, i) => hashPassword(`parallel password ${i}`)));
    clearInterval(timer);
    expect(maxActive).toBeGreaterThanOrEqual(1);
    expect(maxActive).toBeLessThanOrEqual(passwordHashing.stats().concurrency);
  });

  it("refuses work as busy once its queue is full, instead of queueing without end", async () => {
    const runner = createBoundedRunner({ concurrency: 2, maxQueued: 3 });
    let active = 0;
    let maxActive = 0;
    const task = async () => {
      maxActive = Math.max(maxActive, ++active);
      await hashPassword("queued password");
      active--;
      return "hashed";
    };
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => runner.run(task)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ code: "TOO_MANY_REQUESTS", message: SERVER_BUSY })),
    );
    expect(maxActive).toBe(2);
    expect(runner.stats()).toMatchObject({ active: 0, queued: 0, started: 5 });
  });
});
