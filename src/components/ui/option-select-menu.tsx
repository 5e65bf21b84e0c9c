"use client";

import type { OnDemandTriggerProps } from "./on-demand";
import type { OptionSelectProps } from "./option-select";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

/** OptionSelect on Radix's select, loaded on first intent (see ./option-select). */
export default function OptionSelectMenu({
  value,
  onValueChange,
  options,
  label,
  id,
  disabled,
  triggerClassName,
  triggerRef,
}: OptionSelectProps & { triggerClassName: string } & OnDemandTriggerProps) {
  return (
    <Select value={value} onValueChange={onValueChange} disabled={disabled}>
      <SelectTrigger ref={triggerRef} id={id} aria-label={label} className={triggerClassName}>
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
