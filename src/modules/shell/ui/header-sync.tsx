"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/trpc/client";
import { publishHeader, useHeaderEntries } from "./header-state";

/**
 * Keeps the header's credits and teams fresh on pages that have React Query: watches
 * `usage.status` and `teams.list` (which mutations invalidate) and publishes what arrives to the
 * header (./header-state). Starts from what the header already shows, so it fetches no sooner.
 */
export function HeaderSync() {
  const trpc = useTRPC();
  const seed = useHeaderEntries();
  // The header seeds these only for a signed-in user.
  const signedIn = seed.usage !== undefined || seed.teams !== undefined;
  const usage = useQuery(
    trpc.usage.status.queryOptions(undefined, {
      enabled: signedIn,
      initialData: seed.usage?.value ?? undefined,
      initialDataUpdatedAt: seed.usage?.at,
    }),
  );
  const teams = useQuery(
    trpc.teams.list.queryOptions(undefined, {
      enabled: signedIn,
      initialData: seed.teams?.value ?? undefined,
      initialDataUpdatedAt: seed.teams?.at,
    }),
  );
  // Credits were spent where no query could notice (the landing page's prompt): ask now.
  const usageStale = seed.usage?.at === 0;
  const { refetch: refetchUsage } = usage;
  useEffect(() => {
    if (usageStale) void refetchUsage();
  }, [usageStale, refetchUsage]);
  useEffect(() => {
    if (usage.data) publishHeader("usage", usage.data, usage.dataUpdatedAt);
  }, [usage.data, usage.dataUpdatedAt]);
  useEffect(() => {
    if (teams.data) publishHeader("teams", teams.data, teams.dataUpdatedAt);
  }, [teams.data, teams.dataUpdatedAt]);
  return null;
}
