import { env } from "@/env";

/** The durable preview of a fragment, served by the preview server on its own origin. */
export function previewUrlFor(previewToken: string): string {
  return `${env.PREVIEW_ORIGIN.replace(/\/+$/, "")}/p/${encodeURIComponent(previewToken)}/`;
}
