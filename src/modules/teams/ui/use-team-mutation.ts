"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/trpc/client";

/** After any change on the team page: refetch the team, its members, invitations and the switcher. */
export function useRefreshTeam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.teams.current.queryFilter()),
        queryClient.invalidateQueries(trpc.teams.members.list.queryFilter()),
        queryClient.invalidateQueries(trpc.teams.invitations.list.queryFilter()),
        queryClient.invalidateQueries(trpc.teams.list.queryFilter()),
      ]),
    [queryClient, trpc],
  );
}
