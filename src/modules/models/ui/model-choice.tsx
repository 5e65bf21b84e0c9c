"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { useModelPicker } from "./model-picker";

/**
 * The model a prompt goes to: the team's default unless the sender picks another. `picker` is
 * null when there is nothing to choose (one model, or signed out); `model` is undefined until
 * the sender picks, so the server applies the team's default.
 */
export function useModelChoice(enabled = true) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.models.settings.queryOptions(undefined, { enabled, staleTime: 60_000 }));
  return useModelPicker(settings.data);
}
