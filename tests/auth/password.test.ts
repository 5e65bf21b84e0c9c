import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, verifyPasswordOfNoAccount } from "@/modules/auth/server/password";

describe("password hashing", () => {
  it("stores a salted scrypt hash with its parameters, never the password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hash).not.toContain("correct horse battery");
    // A fresh salt each time: equal passwords do not give equal hashes.
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
  });

  it("accepts the right password and rejects any other", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("treats Unicode look-alike forms of one password as the same password (NFKC)", async () => {
    const composed = "caf\u00e9-password"; // é as one code point
    const decomposed = "cafe\u0301-password"; // e + combining accent
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it("rejects malformed or absurd stored hashes instead of throwing or allocating gigabytes", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", "plain-text")).toBe(false);
    expect(await verifyPassword("correct horse battery", hash.replace("ln=15", "ln=30"))).toBe(false);
  });

  it("spends the work of a real check when there is no account, and fails", async () => {
    const hash = await hashPassword("correct horse battery");
    const time = async (check: () => Promise<boolean>) => {
      const start = performance.now();
      expect(await check()).toBe(false);
      return performance.now() - start;
    };
    const real = await time(() => verifyPassword("wrong guess!", hash));
    const dummy = await time(() => verifyPasswordOfNoAccount("wrong guess!"));
    // Same scrypt cost; generous bounds so a busy machine does not make this flaky.
    expect(dummy).toBeGreaterThan(real / 4);
    expect(dummy).toBeLessThan(real * 4);
  });
});
