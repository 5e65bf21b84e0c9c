"use client";

import { ChevronDownIcon } from "lucide-react";
import { cn } from "./cn";
import { OnDemand, onDemand } from "./on-demand";
import { selectTriggerClasses } from "./select-trigger-classes";

export type SelectOption = { value: string; label: string };

export type OptionSelectProps = {
  value: string;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  label: string;
  id?: string;
  disabled?: boolean;
};

// Radix's select (and its popper) loads when the trigger is first pointed at, focused or pressed.
const optionSelectMenu = onDemand<OptionSelectProps & { triggerClassName: string }>(() => import("./option-select-menu").then((m) => m.default));

// Radix's select opens on these, and typing a character on the closed trigger picks an option.
const SELECT_KEYS = (key: string) => key === " " || key === "Enter" || key === "ArrowUp" || key === "ArrowDown" || key.length === 1;

/**
 * A single choice from a list of options, on the Radix select in ./select. `label` names it for
 * assistive tech when no visible <label> points at it. Until first used it is a stand-in button
 * with the select's look and role (./on-demand), so pages do not load Radix's select up front.
 */
export function OptionSelect({ size = "md", className, ...props }: OptionSelectProps & { size?: "sm" | "md"; className?: string }) {
  const triggerClassName = selectTriggerClasses(cn(size === "sm" && "h-8 text-xs", className));
  const current = props.options.find((option) => option.value === props.value);
  return (
    <OnDemand
      loader={optionSelectMenu}
      props={{ ...props, triggerClassName }}
      activationKeys={SELECT_KEYS}
      placeholder={(handlers) => (
        <button
          type="button"
          role="combobox"
          id={props.id}
          aria-label={props.label}
          aria-expanded={false}
          aria-autocomplete="none"
          data-state="closed"
          disabled={props.disabled}
          data-disabled={props.disabled ? "" : undefined}
          data-placeholder={current ? undefined : ""}
          className={triggerClassName}
          {...handlers}
        >
          <span className="min-w-0 truncate">
            <span style={{ pointerEvents: "none" }}>{current?.label}</span>
          </span>
          <ChevronDownIcon aria-hidden className="size-4 shrink-0 opacity-60" />
        </button>
      )}
    />
  );
}
