"use client";

import { CheckIcon, LaptopIcon, MoonIcon, SunIcon } from "lucide-react";
import * as MenuPrimitive from "@radix-ui/react-dropdown-menu";
import { DropdownMenu, DropdownMenuContent, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { OnDemandTriggerProps } from "@/components/ui/on-demand";
import type { ThemeChoice } from "./theme-toggle";

const CHOICES: { value: ThemeChoice; label: string; Icon: typeof SunIcon }[] = [
  { value: "system", label: "System", Icon: LaptopIcon },
  { value: "light", label: "Light", Icon: SunIcon },
  { value: "dark", label: "Dark", Icon: MoonIcon },
];

export type ThemeMenuProps = {
  choice: ThemeChoice;
  onChoose: (choice: ThemeChoice) => void;
  trigger: React.ComponentProps<"button">;
};

/** The theme toggle's Radix menu, loaded on first intent (see ./theme-toggle). */
export default function ThemeMenu({ choice, onChoose, trigger, triggerRef }: ThemeMenuProps & OnDemandTriggerProps) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger ref={triggerRef} {...trigger} />
      <DropdownMenuContent align="end" className="w-40">
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <MenuPrimitive.RadioGroup value={choice} onValueChange={(value) => onChoose(value as ThemeChoice)}>
          {CHOICES.map(({ value, label, Icon }) => (
            <MenuPrimitive.RadioItem
              key={value}
              value={value}
              className="flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-muted [&_svg]:size-4 [&_svg]:shrink-0"
            >
              <Icon aria-hidden />
              <span className="flex-1">{label}</span>
              <MenuPrimitive.ItemIndicator>
                <CheckIcon aria-hidden />
              </MenuPrimitive.ItemIndicator>
            </MenuPrimitive.RadioItem>
          ))}
        </MenuPrimitive.RadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
