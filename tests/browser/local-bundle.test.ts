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
/**
 * First-load budgets (gzip KB, the bench's measure: scripts/bench/first-load-js.ts). `/` ≤ 160
 * (it loads 145.6: Next 16 + React 19 + Turbopack's runtime are ~135 KB of it, and it ships
 * without React Query and the tRPC client). The others ~5 KB over what they load now (/projects
 * 173.4, a project 195.0), so that sonner or a Radix popup coming back up front fails.
 */
const BUDGET_KB = { "/": 160, "/projects": 178, "/projects/[projectId]": 200 };
// Strings the minified code of what loads on demand carries (display names, attributes, errors).
const ON_DEMAND_MARKERS = {
  sonner: "data-sonner-toaster",
  "Radix dropdown menu": '"DropdownMenuTrigger"',
  "Radix dialog": '"DialogPortal"',
  "Radix select": '"SelectTrigger"',
  "Radix popper (floating-ui)": '"PopperContent"',
  fflate: "invalid zip",
};

// React Query, the tRPC client and superjson (~24 KB): `/` sends through a plain tRPC client
// fetched on intent and renders the rest on the server. Strings of their minified code:
const LANDING_ABSENT_MARKERS = {
  "React Query": "No QueryClient set",
  "query-core": "Missing queryFn",
  "tRPC client": "Unable to transform response from server",
  superjson: "Trying to deserialize unknown",
};

beforeAll(async () => {
  await buildNextAppOnce({ CLERK_SECRET_KEY: "", NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "" });
}, BUILD_TIMEOUT);

describe("the local-mode client bundle", () => {
  it("loads no Clerk code on /", async () => {
    const landing = await firstLoadJs(NEXT_DIR, "/");
    expect(landing.files.length).toBeGreaterThan(3);
    for (const marker of CLERK_MARKERS) expect(landing.filesContaining(marker), marker).toEqual([]);
  });

  it("loads neither React Query nor the tRPC client with /, only once the prompt is used", async () => {
    const landing = await firstLoadJs(NEXT_DIR, "/");
    const upFront = Object.entries(LANDING_ABSENT_MARKERS).filter(([, marker]) => landing.filesContaining(marker).length > 0);
    expect(upFront.map(([name]) => name)).toEqual([]);
    // The routes that use them still load them up front, so the markers are right.
    const projects = await firstLoadJs(NEXT_DIR, "/projects");
    for (const [name, marker] of Object.entries(LANDING_ABSENT_MARKERS)) expect(projects.filesContaining(marker), name).not.toEqual([]);
  });

  it.each(Object.entries(BUDGET_KB))("keeps %s within its first-load budget", async (route, budgetKb) => {
    const firstLoad = await firstLoadJs(NEXT_DIR, route);
    expect(firstLoad.gzipBytes / 1024).toBeLessThanOrEqual(budgetKb);
  });

  it.each(Object.keys(BUDGET_KB))("loads toasts, menus, dialogs, selects and zipping on demand, not with %s", async (route) => {
    const firstLoad = await firstLoadJs(NEXT_DIR, route);
    const upFront = Object.entries(ON_DEMAND_MARKERS).filter(([, marker]) => firstLoad.filesContaining(marker).length > 0);
    expect(upFront.map(([name]) => name)).toEqual([]);
    // …and they are in the build, as chunks of their own: the markers still find them.
    const chunksDir = path.join(NEXT_DIR, "static/chunks");
    const all = (await readdir(chunksDir, { recursive: true })).filter((f) => f.endsWith(".js"));
    const texts = await Promise.all(all.map((file) => readFile(path.join(chunksDir, file), "utf8")));
    for (const [name, marker] of Object.entries(ON_DEMAND_MARKERS)) expect(texts.some((text) => text.includes(marker)), name).toBe(true);
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
