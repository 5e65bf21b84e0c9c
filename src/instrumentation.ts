/**
 * Runs once when the Next server starts: background services that live beside the app — the
 * embedded job worker (when jobs run locally), the run sweeper and the preview server.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerServices } = await import("./server-services");
  await startServerServices();
}
