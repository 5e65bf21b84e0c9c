"use client";

import { MessageSquareIcon, MonitorIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";

export type PhoneView = "chat" | "preview";

const VIEWS: { value: PhoneView; label: string; Icon: typeof MonitorIcon }[] = [
  { value: "chat", label: "Chat", Icon: MessageSquareIcon },
  { value: "preview", label: "Preview", Icon: MonitorIcon },
];

/**
 * A segmented control for narrow screens: the chat or the workspace, one at a time. Toggle
 * buttons (aria-pressed) rather than tabs, because on wide screens both views show at once.
 */
export function PhoneViewSwitch({
  value,
  onValueChange,
  className,
}: {
  value: PhoneView;
  onValueChange: (value: PhoneView) => void;
  className?: string;
}) {
  return (
    <div role="group" aria-label="Show" className={cn("inline-flex items-center gap-0.5 rounded-lg bg-muted p-0.5", className)}>
      {VIEWS.map(({ value: view, label, Icon }) => (
        <button
          key={view}
          type="button"
          aria-pressed={value === view}
          onClick={() => onValueChange(view)}
          className={cn(
            "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-muted-foreground transition-colors motion-reduce:transition-none",
            "hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
            "aria-pressed:bg-background aria-pressed:text-foreground aria-pressed:shadow-sm",
          )}
        >
          <Icon aria-hidden className="size-4" />
          {label}
        </button>
      ))}
    </div>
  );
}
