import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { firstLoadJs } from "../../scripts/bench/support/first-load-js";
import { buildNextAppOnce, ROOT } from "./support/next-app";

/**
 * Local mode (no Clerk keys at build time) ships none of Clerk's browser code: not in what `/`
 * loads up front, and not in any lazy chunk either. Shares the test run's one `next build`.
 */
const BUILD_TIMEOUT = 10 * 60_000;
const NEXT_DIR = path.join(ROOT, ".next");
// Strings every build of Clerk's React SDK carries (its package names and the script it loads).
const CLERK_MARKERS = ["@clerk/", "clerk-js", "ClerkProvider"];

beforeAll(async () => {
  await buildNextAppOnce({ CLERK_SECRET_KEY: "", NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "" });
}, BUILD_TIMEOUT);

describe("the local-mode client bundle", () => {
  it("loads no Clerk code on /", async () => {
    const landing = await firstLoadJs(NEXT_DIR, "/");
    expect(landing.files.length).toBeGreaterThan(3);
    for (const marker of CLERK_MARKERS) expect(landing.filesContaining(marker), marker).toEqual([]);
  });

  it("has no Clerk code in any client chunk", async () => {
    const chunksDir = path.join(NEXT_DIR, "static/chunks");
    const files = (await readdir(chunksDir, { recursive: true })).filter((f) => f.endsWith(".js"));
    expect(files.length).toBeGreaterThan(3);
    const withClerk: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(chunksDir, file), "utf8");
      if (CLERK_MARKERS.some((marker) => text.includes(marker))) withClerk.push(file);
    }
    expect(withClerk).toEqual([]);
  });
});
