"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { PICKER_TOGGLE, readPickedElement, type PickedElement } from "@/modules/preview/picker-message";

/**
 * "Select" mode for the app's own preview frame. Turns the injected picker on or off by
 * postMessage, and accepts a pick only from this frame's own window (`event.source`), with the
 * origin a sandboxed preview has (opaque: "null") or the preview origin, in the pick message's
 * exact shape (readPickedElement caps every field). Anything else — another frame, a popup, a
 * forged shape — is ignored. A pick ends Select mode.
 */
export function useElementPicker(
  frame: RefObject<HTMLIFrameElement | null>,
  previewUrl: string | null,
  onPick: ((element: PickedElement) => void) | undefined,
) {
  const previewOrigin = previewUrl ? new URL(previewUrl).origin : null;
  const [selecting, setSelecting] = useState(false);
  const picked = useRef(onPick);
  picked.current = onPick;

  // The sandboxed frame's origin is opaque, so only "*" reaches it; the message says nothing secret.
  const tell = useCallback((on: boolean) => frame.current?.contentWindow?.postMessage({ type: PICKER_TOGGLE, on }, "*"), [frame]);

  useEffect(() => {
    tell(selecting);
  }, [selecting, tell, previewUrl]);

  useEffect(() => {
    if (!previewOrigin || !onPick) return;
    const onMessage = (event: MessageEvent) => {
      const win = frame.current?.contentWindow;
      if (!win || event.source !== win) return;
      if (event.origin !== "null" && event.origin !== previewOrigin) return;
      const element = readPickedElement(event.data);
      if (!element) return;
      setSelecting(false);
      picked.current?.(element);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [frame, previewOrigin, onPick]);

  /** Give to the iframe's onLoad: a new document starts with the picker off. */
  const onLoad = useCallback(() => tell(selecting), [tell, selecting]);
  return { selecting, setSelecting, onLoad, available: Boolean(onPick && previewOrigin) };
}
