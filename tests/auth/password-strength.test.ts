import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { passwordHashing } from "@/modules/auth/server/bounded-hashing";
import { signUp } from "@/modules/auth/server/local-accounts";
import { passwordWeakness, WeakPasswordError } from "@/modules/auth/server/password-strength";
import { GLOBAL_SIGN_UP_KEY } from "@/modules/auth/server/sign-up-rate-limit";

let counter = 0;
const freshEmail = () => `strength${++counter}-${Date.now()}@example.com`;

describe("weak passwords", () => {
  it.each(["password", "12345678", "qwertyuiop", "iloveyou2", "Password1!", "hunter22hunter22", "abcdefgh"])(
    "refuses %j at sign-up with a reason, creating nothing and hashing nothing",
    async (password) => {
      const email = freshEmail();
      const hashesBefore = passwordHashing.stats().started;
      const attemptsBefore = await db.authAttempt.count({ where: { key: GLOBAL_SIGN_UP_KEY } });

      const error = await signUp({ email, password }, { clientAddress: "192.0.2.1" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WeakPasswordError);
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      expect((error as Error).message).toMatch(/\w+\. \w+/); // a warning and a suggestion, in words

      expect(await db.user.count({ where: { email } })).toBe(0);
      expect(passwordHashing.stats().started).toBe(hashesBefore);
      // A refused password does not use up the sign-up allowance.
      expect(await db.authAttempt.count({ where: { key: GLOBAL_SIGN_UP_KEY } })).toBe(attemptsBefore);
    },
  );

  it("says why: a common password is called common", async () => {
    expect(await passwordWeakness("password")).toMatch(/commonly used|heavily used|frequently used/i);
  });

  it("refuses a password that is the person's own email address", async () => {
    expect(await passwordWeakness("zephyrquokka7")).toBeNull();
    expect(await passwordWeakness("zephyrquokka7", ["zephyrquokka7@example.com", null])).toMatch(/personal/);
  });

  it.each(["correct horse battery staple", "a long enough password", "Tr0ub4dor&3-quill"])("accepts %j", async (password) => {
    expect(await passwordWeakness(password)).toBeNull();
    await expect(signUp({ email: freshEmail(), password })).resolves.toMatchObject({ userId: expect.any(String) });
  });
});
