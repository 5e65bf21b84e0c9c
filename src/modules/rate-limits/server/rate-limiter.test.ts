import { afterAll, describe, expect, it } from "vitest";
import { createDbClient, db } from "@/lib/db/client";
import { hitRateLimit } from "./rate-limiter";

const WINDOW = 60_000;
const T0 = Math.floor(Date.parse("2026-12-01T10:00:00Z") / WINDOW) * WINDOW;

// A second client with its own connection pool, as another app process would have.
const otherProcess = createDbClient(process.env.DATABASE_URL!);
afterAll(() => otherProcess.$disconnect());

describe("hitRateLimit", () => {
  it("allows `limit` hits per window and refuses the next with a retry time", async () => {
    const rule = { limit: 5, windowMs: WINDOW };
    const hits = [];
    for (let i = 0; i < 6; i++) hits.push(await hitRateLimit(db, "unit:a", rule, T0 + 10_000));
    expect(hits.map((h) => h.allowed)).toEqual([true, true, true, true, true, false]);
    // Six hits in this window: in the next, 6 × (1 − e/60 s) ≤ 5 once e ≥ 10 s → 50 s + 10 s.
    expect(hits[5]!.retryAfterMs).toBe(60_000);
  });

  it("slides: the previous window's hits count by how much of it still overlaps", async () => {
    const rule = { limit: 10, windowMs: WINDOW };
    for (let i = 0; i < 10; i++) expect((await hitRateLimit(db, "unit:b", rule, T0 + 50_000)).allowed).toBe(true);
    // 1 s into the next window almost all of the previous one still counts: 10 × 59/60 + 1 > 10.
    expect((await hitRateLimit(db, "unit:b", rule, T0 + WINDOW + 1_000)).allowed).toBe(false);
    // Halfway through it, half does: 10 × 0.5 + 2 ≤ 10.
    expect((await hitRateLimit(db, "unit:b", rule, T0 + WINDOW + 30_000)).allowed).toBe(true);
    // Another key is counted on its own.
    expect((await hitRateLimit(db, "unit:c", rule, T0 + WINDOW + 1_000)).allowed).toBe(true);
  });

  it("is exact across processes: concurrent hits from two connection pools admit exactly `limit`", async () => {
    const rule = { limit: 60, windowMs: WINDOW };
    const hit = (client: typeof db) => hitRateLimit(client, "unit:shared", rule, T0 + 5_000);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => hit(i % 2 ? db : otherProcess)));
    expect(results.filter((r) => r.allowed)).toHaveLength(60);
    const [row] = await db.rateLimitCounter.findMany({ where: { key: "unit:shared" } });
    expect(row?.count).toBe(100);
  });
});
