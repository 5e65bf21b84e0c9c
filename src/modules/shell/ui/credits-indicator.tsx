"use client";

import Link from "next/link";
import { CoinsIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useHeaderValue } from "./header-state";
import type { Usage } from "./usage";

export type { Usage } from "./usage";

/**
 * Credits left in the team's current period. The header renders it with the server's numbers;
 * mutations that spend or refund credits invalidate `usage.status`, which ./header-sync
 * refetches and passes on (see ./header-state).
 */
export function CreditsIndicator({ initialUsage }: { initialUsage: Usage | null }) {
  const usage = useHeaderValue("usage", initialUsage);
  if (!usage) return <span className="text-xs text-muted-foreground">Credits unavailable</span>;

  const { balance, granted, periodEnd } = usage;
  const renews = new Date(periodEnd).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
  const label = `${balance} ${balance === 1 ? "credit" : "credits"} left`;
  // Links to the plan and usage page, which says how to get more.
  return (
    <Link
      href="/team/usage"
      title={`${balance} of ${granted} credits left this period; renews ${renews}`}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium tabular-nums hover:bg-muted/70 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        balance === 0 ? "border-destructive/30 bg-destructive/10 text-destructive" : "border-border bg-muted",
      )}
    >
      <CoinsIcon aria-hidden className="size-3.5" />
      {/* Narrow screens show the number alone; screen readers always get the sentence. */}
      <span aria-hidden className="sm:hidden">
        {balance}
      </span>
      <span className="sr-only sm:not-sr-only">{label}</span>
    </Link>
  );
}
