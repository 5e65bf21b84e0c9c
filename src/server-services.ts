import { startBackgroundServices } from "@/modules/jobs/server/background";
import { startPreviewServerOnce } from "@/modules/preview/server";
import { assertSandboxAvailable } from "@/modules/sandbox/server";

/** What a Node server process runs beside Next: previews on their own origin, jobs, the sweeper. */
export async function startServerServices() {
  // On HOST, the app's own interface (127.0.0.1 unless set): previews are no more exposed than the app.
  await startPreviewServerOnce();
  await startBackgroundServices();
  // Say it at boot rather than at the first prompt. The app still serves everything else, and
  // generations are refused by the sandbox itself — never run unsandboxed.
  assertSandboxAvailable().catch((error: unknown) => {
    console.error(`[ollio] the sandbox is not available, generations will fail: ${error instanceof Error ? error.message : error}`);
  });
}
