"use client";

import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from "react";
import { readPreviewLocation } from "@/modules/preview/preview-message";

/** How long after a frame's `load` its `start` report may still arrive (they travel separately). */
export const LATE_REPORT_MS = 1000;

export type PreviewDeparture = {
  /** The frame shows a page the preview server did not serve (it navigated away). */
  left: boolean;
  /** Where the preview says it is, once it has said so. */
  href: string | null;
  /** Give to the iframe's onLoad. */
  onLoad: () => void;
};

/**
 * Notices when a preview frame navigates away from the preview. Every page the preview server
 * serves reports `start` to this window while it is parsed; a frame `load` with no report
 * matched to it is a page from elsewhere. Reports count only from this frame's own window (a
 * popup or another frame posting here is ignored) with the origin a sandboxed preview has —
 * opaque, "null" — or the preview origin, and only for URLs in the preview origin's /p/ space.
 *
 * A hint, not a guarantee: the generated code runs in the reporting document and could post a
 * report itself just before leaving. `frameKey` changes for each new frame (version, reload).
 */
export function usePreviewDeparture(frame: RefObject<HTMLIFrameElement | null>, previewUrl: string | null, frameKey: string): PreviewDeparture {
  const previewOrigin = previewUrl ? new URL(previewUrl).origin : null;
  const [state, setState] = useState<{ key: string; left: boolean; href: string | null }>({ key: frameKey, left: false, href: null });
  const unmatchedStarts = useRef(0);
  const awaiting = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A layout effect: registered in the same task as the new frame, before any message can arrive.
  useLayoutEffect(() => {
    unmatchedStarts.current = 0;
    if (!previewOrigin) return;
    const onMessage = (event: MessageEvent) => {
      const win = frame.current?.contentWindow;
      if (!win || event.source !== win) return;
      if (event.origin !== "null" && event.origin !== previewOrigin) return;
      const report = readPreviewLocation(event.data, previewOrigin);
      if (!report) return;
      if (report.phase === "start") {
        if (awaiting.current) {
          clearTimeout(awaiting.current); // the load came first; this report is its match
          awaiting.current = null;
        } else unmatchedStarts.current++;
      }
      setState({ key: frameKey, left: false, href: report.href });
    };
    window.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("message", onMessage);
      if (awaiting.current) clearTimeout(awaiting.current);
      awaiting.current = null;
    };
  }, [frame, previewOrigin, frameKey]);

  const onLoad = useCallback(() => {
    if (!previewOrigin) return;
    if (unmatchedStarts.current > 0) {
      unmatchedStarts.current = 0;
      return;
    }
    if (awaiting.current) clearTimeout(awaiting.current);
    awaiting.current = setTimeout(() => {
      awaiting.current = null;
      setState((current) => ({ ...current, key: frameKey, left: true }));
    }, LATE_REPORT_MS);
  }, [previewOrigin, frameKey]);

  // State from an earlier frame never shows on a new one.
  const current = state.key === frameKey ? state : { left: false, href: null };
  return { left: current.left, href: current.href, onLoad };
}
