"use client";

import { useState } from "react";
import { OptionSelect } from "@/components/ui/option-select";

export type ModelSettingsView = { models: string[]; effectiveModel?: string | null };

/**
 * The model a prompt goes to, from the team's model settings however they arrived (a query, or
 * the server's props on the landing page). See ./model-choice.
 */
export function useModelPicker(settings: ModelSettingsView | undefined) {
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const models = settings?.models ?? [];
  const model = picked && models.includes(picked) ? picked : undefined;
  const shown = model ?? settings?.effectiveModel ?? models[0];
  const picker =
    models.length > 1 && shown ? (
      <OptionSelect label="Model" size="sm" value={shown} onValueChange={setPicked} options={models.map((m) => ({ value: m, label: m }))} className="max-w-40 rounded-full" />
    ) : null;
  return { model, picker };
}
