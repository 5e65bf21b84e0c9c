/** "Dec 31": when the team's credits renew, in UTC like the period itself. */
export function renewalDate(periodEnd: Date | string): string {
  return new Date(periodEnd).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * Why a prompt cannot be sent right now for lack of credits, before the user types one: the
 * team's balance is zero. Null while unknown (the server still refuses then) or when credits are left.
 */
export function creditsBlockMessage(usage: { balance: number; periodEnd: Date | string } | null | undefined): string | null {
  if (!usage || usage.balance > 0) return null;
  return `Your team has no credits left. They renew on ${renewalDate(usage.periodEnd)}.`;
}
