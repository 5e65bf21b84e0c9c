/**
 * What a served preview page tells the app framing it (posted by the preview server's injected
 * reporter, read by the preview pane). Shared by server and UI, so it holds no code of either.
 * - `start`: once per document, while it is parsed — before that document's `load`.
 * - `change`: the same document moved (hash or history), which fires no `load`.
 */
export const PREVIEW_LOCATION_MESSAGE = "ollio:preview-location";

export type PreviewLocationMessage = { type: typeof PREVIEW_LOCATION_MESSAGE; phase: "start" | "change"; href: string };

/** The message, if `data` is one and points into the preview origin's /p/ space; else null. */
export function readPreviewLocation(data: unknown, previewOrigin: string): PreviewLocationMessage | null {
  if (typeof data !== "object" || data === null) return null;
  const { type, phase, href } = data as Record<string, unknown>;
  if (type !== PREVIEW_LOCATION_MESSAGE || (phase !== "start" && phase !== "change") || typeof href !== "string") return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== previewOrigin || !url.pathname.startsWith("/p/")) return null;
  return { type, phase, href };
}
