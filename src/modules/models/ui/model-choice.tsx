"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { OptionSelect } from "@/components/ui/option-select";
import { useTRPC } from "@/trpc/client";

/**
 * The model a prompt goes to: the team's default unless the sender picks another. `picker` is
 * null when there is nothing to choose (one model, or signed out); `model` is undefined until
 * the sender picks, so the server applies the team's default.
 */
export function useModelChoice(enabled = true) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.models.settings.queryOptions(undefined, { enabled, staleTime: 60_000 }));
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const models = settings.data?.models ?? [];
  const model = picked && models.includes(picked) ? picked : undefined;
  const shown = model ?? settings.data?.effectiveModel ?? models[0];
  const picker =
    models.length > 1 && shown ? (
      <OptionSelect label="Model" size="sm" value={shown} onValueChange={setPicked} options={models.map((m) => ({ value: m, label: m }))} className="max-w-40 rounded-full" />
    ) : null;
  return { model, picker };
}
