"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";

/** "Dec 31": when the team's credits renew, in UTC like the period itself. */
export function renewalDate(periodEnd: Date | string): string {
  return new Date(periodEnd).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * Why a prompt cannot be sent right now for lack of credits, before the user types one: the
 * team's balance is zero. Null while unknown (the server still refuses then) or when credits are left.
 */
export function useCreditsBlock(enabled = true): string | null {
  const trpc = useTRPC();
  const usage = useQuery({ ...trpc.usage.status.queryOptions(), enabled });
  if (!enabled || !usage.data || usage.data.balance > 0) return null;
  return `Your team has no credits left. They renew on ${renewalDate(usage.data.periodEnd)}.`;
}
