"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ChatMessage } from "@/modules/generation/ui/types";
import { useTRPC } from "@/trpc/client";

/**
 * After a restore or a saved edit: adds the new version's message to the cached conversation
 * and shows it straight away (its preview URL came back with the mutation), then refetches the
 * list in the background. Saves the round trip between "saved" and "the preview shows it".
 */
export function useShowNewVersion(projectId: string, onSelectVersion: (fragmentId: string) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (saved: { fragmentId: string; message: ChatMessage }) => {
      queryClient.setQueryData(trpc.messages.list.queryKey({ projectId }), (messages) =>
        messages && !messages.some((m) => m.id === saved.message.id) ? [...messages, saved.message] : messages,
      );
      onSelectVersion(saved.fragmentId);
      void queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId }));
      void queryClient.invalidateQueries(trpc.projects.list.queryFilter());
    },
    [projectId, onSelectVersion, queryClient, trpc],
  );
}
