"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ChatMessage } from "@/modules/generation/ui/types";
import { useTRPC } from "@/trpc/client";

/**
 * After a restore or a saved edit: adds the new version's message to the cached conversation
 * and shows it straight away (its preview URL came back with the mutation); `files`, when known
 * (a saved edit), seed that version's files so the Code tab needs no fetch. The list is refetched
 * a moment later, once the new preview has loaded, so the two do not compete for the same second.
 */
const REFETCH_AFTER_MS = 1500;

export function useShowNewVersion(projectId: string, onSelectVersion: (fragmentId: string) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (saved: { fragmentId: string; message: ChatMessage }, files?: Record<string, string>) => {
      queryClient.setQueryData(trpc.messages.list.queryKey({ projectId }), (messages) =>
        messages && !messages.some((m) => m.id === saved.message.id) ? [...messages, saved.message] : messages,
      );
      if (files) queryClient.setQueryData(trpc.messages.fragmentFiles.queryKey({ fragmentId: saved.fragmentId }), { id: saved.fragmentId, files });
      onSelectVersion(saved.fragmentId);
      setTimeout(() => {
        void queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId }));
        void queryClient.invalidateQueries(trpc.projects.list.queryFilter());
      }, REFETCH_AFTER_MS);
    },
    [projectId, onSelectVersion, queryClient, trpc],
  );
}
