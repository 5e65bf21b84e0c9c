import { env } from "@/env";
import { startBackgroundServices } from "@/modules/jobs/server/background";
import { startPreviewServer } from "@/modules/preview/server/preview-server";

export async function startServerServices() {
  await startPreviewServer({ port: env.PREVIEW_PORT, host: "0.0.0.0" });
  await startBackgroundServices();
}
