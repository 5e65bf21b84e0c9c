"use client";

import { useRef, useState } from "react";
import { ExternalLinkIcon, MonitorIcon, RefreshCwIcon } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { MousePointerClickIcon } from "lucide-react";
import type { PickedElement } from "@/modules/preview/picker-message";
import { DeviceFrame, DeviceToggle, type Device } from "@/modules/versions/ui/device-frames";
import { useElementPicker } from "@/modules/versions/ui/use-element-picker";
import type { FragmentView } from "./fragment";
import { PreviewLeftWarning } from "./preview-left-warning";
import { usePreviewDeparture } from "./use-preview-departure";

type Source = "saved" | "live";

/**
 * The generated page in a sandboxed iframe on the preview origin. No allow-same-origin: the
 * page's scripts run, but it can never read Ollio's cookies or reach into this window. Popups
 * escape the sandbox (so a link to a real site works there), and Ollio's pages send
 * `Cross-Origin-Opener-Policy: same-origin`, so a popup gets no `window.opener` back to Ollio.
 * When the frame navigates away from the preview, the pane hides it behind a warning.
 */
export function PreviewPane({
  fragment,
  building,
  lastRunStatus = null,
  onPickElement,
}: {
  fragment: FragmentView | null;
  building: boolean;
  lastRunStatus?: string | null;
  /** Set: offers "Select" mode, and a click on an element in the preview attaches it to the prompt. */
  onPickElement?: (element: PickedElement) => void;
}) {
  const [source, setSource] = useState<Source>("saved");
  const [reloadCount, setReloadCount] = useState(0);
  const [device, setDevice] = useState<Device>("desktop");
  const [loadedFrame, setLoadedFrame] = useState<string | null>(null);

  const url = fragment ? (source === "live" && fragment.sandboxUrl ? fragment.sandboxUrl : fragment.previewUrl) : null;
  // Each version, source and reload is a new frame; it is loading until that frame fires load.
  const frameKey = `${url}#${reloadCount}`;
  const loading = loadedFrame !== frameKey;
  const frame = useRef<HTMLIFrameElement>(null);
  // Only saved versions report their location: the live sandbox is not served by the preview server.
  const departure = usePreviewDeparture(frame, source === "saved" ? url : null, frameKey);
  const shownUrl = departure.left ? null : (departure.href ?? url);
  // Only saved versions carry the picker: the preview server injects it, the live sandbox does not.
  const picker = useElementPicker(frame, source === "saved" ? url : null, source === "saved" ? onPickElement : undefined);

  if (!fragment || !url) return <PreviewPlaceholder building={building} hasFragment={Boolean(fragment)} lastRunStatus={lastRunStatus} />;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-1.5 border-b border-border px-2 py-1.5">
        <Button variant="ghost" size="icon-sm" aria-label="Reload preview" title="Reload preview" onClick={() => setReloadCount((n) => n + 1)}>
          <RefreshCwIcon />
        </Button>
        <div className="flex h-8 min-w-0 flex-1 items-center gap-2 rounded-md bg-muted px-3 text-xs text-muted-foreground">
          {loading ? <Spinner className="size-3" /> : <MonitorIcon className="size-3.5 shrink-0" />}
          <span className="truncate font-mono" title={shownUrl ?? undefined}>
            {shownUrl ?? "Left the preview"}
          </span>
        </div>
        {fragment.sandboxUrl && (
          <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <span className="sr-only sm:not-sr-only">Source</span>
            <select
              value={source}
              onChange={(event) => setSource(event.target.value as Source)}
              className="h-8 rounded-md border border-border bg-background px-2 text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              <option value="saved">Saved version</option>
              <option value="live">Live sandbox</option>
            </select>
          </label>
        )}
        {picker.available && (
          <Button
            variant={picker.selecting ? "secondary" : "ghost"}
            size="sm"
            aria-pressed={picker.selecting}
            title="Point at an element to ask about it"
            onClick={() => picker.setSelecting(!picker.selecting)}
          >
            <MousePointerClickIcon aria-hidden />
            Select
          </Button>
        )}
        <DeviceToggle device={device} onChange={setDevice} className="hidden sm:flex" />
        <a
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label="Open preview in a new tab"
          title="Open in a new tab"
          className={buttonClasses({ variant: "ghost", size: "icon-sm" })}
        >
          <ExternalLinkIcon />
        </a>
      </div>
      <div className="relative min-h-0 flex-1 bg-white">
        <DeviceFrame device={device}>
          <iframe
            ref={frame}
            key={frameKey}
            src={url}
            title={`Preview of ${fragment.title}`}
            sandbox="allow-scripts allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            onLoad={() => {
              setLoadedFrame(frameKey);
              departure.onLoad();
              picker.onLoad();
            }}
            className="absolute inset-0 size-full border-0"
          />
        </DeviceFrame>
        {departure.left && <PreviewLeftWarning onBack={() => setReloadCount((n) => n + 1)} />}
      </div>
    </div>
  );
}

function PreviewPlaceholder({ building, hasFragment, lastRunStatus }: { building: boolean; hasFragment: boolean; lastRunStatus: string | null }) {
  const { title, text } = placeholderText(building, hasFragment, lastRunStatus);
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 bg-muted/30 p-8 text-center">
      <span className={cn("grid size-12 place-items-center rounded-full bg-background text-muted-foreground shadow-sm")}>
        {building ? <Spinner className="size-5" /> : <MonitorIcon className="size-5" />}
      </span>
      <p className="font-medium">{title}</p>
      <p className="max-w-xs text-sm text-muted-foreground">{text}</p>
    </div>
  );
}

function placeholderText(building: boolean, hasFragment: boolean, lastRunStatus: string | null) {
  if (building) return { title: "Building your UI…", text: "The preview appears here as soon as the first version is ready." };
  if (hasFragment) return { title: "This version has no preview", text: "Its files are still in the Code tab." };
  if (lastRunStatus === "FAILED") {
    return { title: "The first version could not be built", text: "The chat says what went wrong. Retry it there, or send a changed prompt." };
  }
  if (lastRunStatus === "CANCELLED") {
    return { title: "The generation was stopped", text: "Retry it from the chat, or send a new prompt." };
  }
  return { title: "Nothing to preview yet", text: "Send a prompt to generate the first version." };
}
