/** The last `count` months in UTC as "YYYY-MM" (newest first), with a readable label. */
export function recentMonths(now: Date, count = 12): { value: string; label: string }[] {
  const format = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return { value: date.toISOString().slice(0, 7), label: format.format(date) };
  });
}

/** Every day of the month "YYYY-MM" as "YYYY-MM-DD", so the chart shows days without runs too. */
export function daysOfMonth(month: string): string[] {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

export const formatNumber = (n: number) => n.toLocaleString("en");

/** 1234567 → "1.2M", for chart axes and narrow cells. */
export const compactNumber = (n: number) => new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(n);
