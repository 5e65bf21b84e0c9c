"use client";

import { MonitorIcon, SmartphoneIcon, TabletIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";

/** Widths a preview can be shown at; "desktop" fills the pane. */
export const DEVICES = {
  phone: { label: "Phone", width: 390, Icon: SmartphoneIcon },
  tablet: { label: "Tablet", width: 820, Icon: TabletIcon },
  desktop: { label: "Desktop", width: null, Icon: MonitorIcon },
} as const;
export type Device = keyof typeof DEVICES;

/** A radio group of the three widths (arrow keys move between them, as radios do). */
export function DeviceToggle({ device, onChange, className }: { device: Device; onChange: (device: Device) => void; className?: string }) {
  return (
    <div role="radiogroup" aria-label="Preview width" className={cn("flex items-center rounded-md border border-border p-0.5", className)}>
      {(Object.keys(DEVICES) as Device[]).map((key) => {
        const { label, Icon, width } = DEVICES[key];
        return (
          <button
            key={key}
            type="button"
            role="radio"
            aria-checked={device === key}
            aria-label={label}
            title={width ? `${label} (${width} px)` : label}
            onClick={() => onChange(key)}
            className={cn(
              "grid size-7 place-items-center rounded-sm text-muted-foreground transition-colors motion-reduce:transition-none",
              "hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              device === key && "bg-muted text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
          </button>
        );
      })}
    </div>
  );
}

/**
 * Centres its child (the preview iframe) at the device's width, with a device-like border below
 * desktop; at desktop it fills the space. It fills its (positioned) parent; the child should fill
 * the frame (absolute inset-0).
 */
export function DeviceFrame({ device, children }: { device: Device; children: React.ReactNode }) {
  const width = DEVICES[device].width;
  if (!width) return <div data-device={device} className="absolute inset-0 bg-white">{children}</div>;
  return (
    <div className="absolute inset-0 flex justify-center overflow-auto bg-muted/40 p-3">
      <div
        data-device={device}
        style={{ width, maxWidth: "100%" }}
        className={cn("relative h-full shrink-0 overflow-hidden border-border bg-white shadow-md", device === "phone" ? "rounded-[2rem] border-8" : "rounded-2xl border-[10px]")}
      >
        {children}
      </div>
    </div>
  );
}
