import { env } from "@/env";
import { startPreviewServer, type PreviewServer } from "./preview-server";

const store = globalThis as unknown as { ollioPreviewServer?: Promise<PreviewServer> };

/**
 * Starts the preview server on PREVIEW_PORT (and HOST, unless given) unless this process already did (start-up hooks run
 * more than once under dev hot reload). A failed start is forgotten so a later call can retry.
 */
export function startPreviewServerOnce(options: { host?: string } = {}): Promise<PreviewServer> {
  store.ollioPreviewServer ??= startPreviewServer({ port: env.PREVIEW_PORT, host: options.host }).catch((error: unknown) => {
    store.ollioPreviewServer = undefined;
    throw error;
  });
  return store.ollioPreviewServer;
}
