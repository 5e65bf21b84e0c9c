"use client";

import { cn } from "./cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

export type SelectOption = { value: string; label: string };

/**
 * A single choice from a list of options, on the Radix select in ./select. `label` names it for
 * assistive tech when no visible <label> points at it.
 */
export function OptionSelect({
  value,
  onValueChange,
  options,
  label,
  id,
  disabled,
  size = "md",
  className,
}: {
  value: string;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  label: string;
  id?: string;
  disabled?: boolean;
  size?: "sm" | "md";
  className?: string;
}) {
  return (
    <Select value={value} onValueChange={onValueChange} disabled={disabled}>
      <SelectTrigger id={id} aria-label={label} className={cn(size === "sm" && "h-8 text-xs", className)}>
        <span className="min-w-0 truncate">
          <SelectValue />
        </span>
      </SelectTrigger>
      <SelectContent className="max-h-72 max-w-[calc(100vw-2rem)]">
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
