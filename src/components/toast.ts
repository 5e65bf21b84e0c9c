import type { toast as sonnerToast } from "sonner";

type Sonner = typeof import("sonner");
type ToastKind = "success" | "error";

let sonner: Promise<Sonner> | null = null;
let toasterWanted = false;
const hosts = new Set<() => void>();

/** sonner's code, fetched once, the first time a toast is shown or the toaster mounts. */
export function loadSonner(): Promise<Sonner> {
  return (sonner ??= import("sonner").catch((error: unknown) => {
    sonner = null;
    throw error;
  }));
}

/** For the ToastHost: whether the toaster should be on the page yet. */
export const toasterState = {
  wanted: () => toasterWanted,
  subscribe: (notify: () => void) => {
    hosts.add(notify);
    return () => void hosts.delete(notify);
  },
  want: () => {
    if (toasterWanted) return;
    toasterWanted = true;
    hosts.forEach((notify) => notify());
  },
};

type ToastArgs = Parameters<typeof sonnerToast.success>;

function show(kind: ToastKind, ...args: ToastArgs) {
  toasterState.want();
  // sonner keeps a toast made before its <Toaster> subscribed and hands it over on mount.
  loadSonner().then(
    ({ toast }) => toast[kind](...args),
    (error: unknown) => console.error("Could not show a notification", args[0], error),
  );
}

/**
 * sonner's `toast`, without sonner in the page's first load: the call loads it (a few ms after
 * the first one; later ones are immediate) and mounts the toaster. The API is sonner's own.
 */
export const toast = {
  success: (...args: ToastArgs) => show("success", ...args),
  error: (...args: ToastArgs) => show("error", ...args),
};
