import { startBackgroundServices } from "@/modules/jobs/server/background";
import { startPreviewServerOnce } from "@/modules/preview/server";

/** What a Node server process runs beside Next: previews on their own origin, jobs, the sweeper. */
export async function startServerServices() {
  await startPreviewServerOnce({ host: "0.0.0.0" });
  await startBackgroundServices();
}
