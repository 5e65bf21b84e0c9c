import { describe, expect, it } from "vitest";
import { markHeaderStale, publishHeader, readHeaderEntries, subscribeHeader } from "./header-state";

const usage = (balance: number) => ({ balance, granted: 50, periodEnd: new Date("2026-12-31T00:00:00Z") }) as never;

describe("the header's credits and teams", () => {
  it("keeps the newest value, whichever order they arrive in, and tells subscribers", () => {
    let notified = 0;
    const unsubscribe = subscribeHeader(() => notified++);
    publishHeader("usage", usage(10), 2_000);
    publishHeader("usage", usage(12), 1_000); // an older answer arriving late
    expect(readHeaderEntries().usage).toEqual({ value: usage(10), at: 2_000 });
    publishHeader("usage", usage(9), 3_000);
    expect(readHeaderEntries().usage).toEqual({ value: usage(9), at: 3_000 });
    expect(notified).toBe(2);
    unsubscribe();
  });

  it("after credits are spent elsewhere, marks what it shows as stale so any answer replaces it", () => {
    publishHeader("usage", usage(9), 5_000);
    markHeaderStale();
    expect(readHeaderEntries().usage).toEqual({ value: usage(9), at: 0 });
    publishHeader("usage", usage(8), 1);
    expect(readHeaderEntries().usage).toEqual({ value: usage(8), at: 1 });
  });
});
