import { z } from "zod";

/** A calendar month in UTC, "YYYY-MM" — the same periods credits renew on. */
export const usageMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Pick a month as YYYY-MM.");

export function currentUsageMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function monthRange(month: string): { start: Date; end: Date } {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, mon - 1, 1)), end: new Date(Date.UTC(year, mon, 1)) };
}
