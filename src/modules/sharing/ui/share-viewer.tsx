"use client";

import { useState } from "react";
import { DeviceFrame, DeviceToggle, type Device } from "@/modules/versions/ui/device-frames";

/**
 * The public, read-only view of a shared version: its title and the page at phone, tablet or
 * desktop width. The iframe loads the preview server under the share token (sandboxed, no
 * allow-same-origin, as in the project's own preview); no element picker runs here.
 */
export function ShareViewer({ title, subtitle, previewUrl }: { title: string; subtitle: string; previewUrl: string }) {
  const [device, setDevice] = useState<Device>("desktop");
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-2">
        <div className="min-w-0 flex-1">
          <h1 className="truncate font-semibold leading-tight">{title}</h1>
          <p className="truncate text-xs text-muted-foreground">{subtitle}</p>
        </div>
        <DeviceToggle device={device} onChange={setDevice} />
      </div>
      <div className="relative min-h-[70dvh] flex-1">
        <DeviceFrame device={device}>
          <iframe
            src={previewUrl}
            title={`Shared preview of ${title}`}
            sandbox="allow-scripts allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            className="absolute inset-0 size-full border-0"
          />
        </DeviceFrame>
      </div>
    </div>
  );
}
