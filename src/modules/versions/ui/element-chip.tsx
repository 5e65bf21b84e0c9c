"use client";

import { XIcon } from "lucide-react";
import type { PickedElement } from "@/modules/preview/picker-message";

/** The element picked in the preview, attached to the prompt; removing the chip removes the context. */
export function ElementChip({ element, onRemove }: { element: PickedElement; onRemove: () => void }) {
  return (
    <div className="mb-2 flex items-center gap-2 rounded-md border border-border bg-muted/50 px-2 py-1 text-xs" data-testid="element-chip">
      <span className="shrink-0 rounded bg-background px-1.5 py-0.5 font-mono font-medium">&lt;{element.tag}&gt;</span>
      <span className="min-w-0 flex-1 truncate" title={element.selector}>
        {element.text ? `“${element.text}”` : element.selector}
        <span className="ml-2 font-mono text-muted-foreground">{element.selector}</span>
      </span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove the selected ${element.tag} element`}
        className="grid size-6 shrink-0 place-items-center rounded hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <XIcon className="size-3.5" aria-hidden />
      </button>
    </div>
  );
}
