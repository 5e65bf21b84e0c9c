"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { creditsBlockMessage } from "./credits-block";

export { renewalDate } from "./credits-block";

/** The team's out-of-credits message (./credits-block), kept fresh by `usage.status`. */
export function useCreditsBlock(enabled = true): string | null {
  const trpc = useTRPC();
  const usage = useQuery({ ...trpc.usage.status.queryOptions(), enabled });
  return enabled ? creditsBlockMessage(usage.data) : null;
}
