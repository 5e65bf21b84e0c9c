"use client";

import { useEffect, useState, useSyncExternalStore, type ComponentType } from "react";
import type { ToasterProps } from "sonner";
import { loadSonner, toasterState } from "./toast";

/**
 * Sonner's <Toaster>, mounted after the page is interactive rather than in its first load: once
 * the browser is idle (so its live region is on the page well before a toast is announced in it,
 * and its Alt+T shortcut works) or at the first toast, whichever comes first.
 */
export function ToastHost(props: ToasterProps) {
  const wanted = useSyncExternalStore(toasterState.subscribe, toasterState.wanted, () => false);
  const [Toaster, setToaster] = useState<ComponentType<ToasterProps> | null>(null);

  useEffect(() => {
    const idle = "requestIdleCallback" in window ? window.requestIdleCallback(toasterState.want, { timeout: 4000 }) : undefined;
    const timer = idle === undefined ? window.setTimeout(toasterState.want, 2000) : undefined;
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle);
      window.clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    if (!wanted || Toaster) return;
    let live = true;
    loadSonner().then(
      (sonner) => live && setToaster(() => sonner.Toaster),
      (error: unknown) => console.error("Could not load the notifications", error),
    );
    return () => {
      live = false;
    };
  }, [wanted, Toaster]);

  return Toaster ? <Toaster {...props} /> : null;
}
