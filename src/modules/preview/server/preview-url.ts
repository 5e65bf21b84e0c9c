import { env } from "@/env";

/** The durable preview of a fragment, served by the preview server on its own origin. */
export function previewUrlFor(fragmentId: string): string {
  return `${env.PREVIEW_ORIGIN.replace(/\/+$/, "")}/f/${encodeURIComponent(fragmentId)}/`;
}
