import { previewHeaders } from "@/modules/preview/server/preview-headers";
import { checkApp, type CheckAppOptions, type Sandbox } from "@/modules/sandbox/server/port";
import { missingEntryVerdict, skippedVerdict, verdictFrom, type CheckVerdict } from "./problems";

const ENTRY_FILE = "index.html";

/**
 * Checks one version in its sandbox: no index.html is a verdict of its own (nothing to load);
 * otherwise the sandbox's browser loads it with the preview's own headers (by default for this
 * app's APP_URL), so a CSP violation here is one the user's preview would hit too.
 */
export async function runPageCheck(sandbox: Sandbox, files: Record<string, string>, options: Partial<CheckAppOptions> = {}): Promise<CheckVerdict> {
  if (!(ENTRY_FILE in files)) return missingEntryVerdict();
  const started = Date.now();
  let verdict: CheckVerdict;
  try {
    const headers = options.headers ?? previewHeaders(await appOrigin());
    verdict = verdictFrom(await checkApp(sandbox, { ...options, headers }));
  } catch (error) {
    // The check must never be what fails a run: whatever went wrong, carry on unchecked.
    verdict = skippedVerdict(`the check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (verdict.status === "skipped") console.warn(`[check] page check skipped in sandbox ${sandbox.id}: ${verdict.note}`);
  return { ...verdict, durationMs: verdict.durationMs ?? Date.now() - started };
}

// Loaded when needed, so scripts that pass their own headers (the bench) need no app env.
async function appOrigin(): Promise<string> {
  const { env } = await import("@/env");
  return new URL(env.APP_URL).origin;
}
