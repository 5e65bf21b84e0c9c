import { APP_DIR } from "../paths";
import type { AppCheckResult, Sandbox } from "../port";
import { PAGE_CHECK_SCRIPT } from "./page-check-script";

export type CheckAppOptions = {
  /** Response headers the in-sandbox server sends with every file (the preview's CSP and friends). */
  headers: Record<string, string>;
  viewports?: { name: string; width: number; height: number; mobile: boolean }[];
  /** Wall-clock budget for the whole check inside the sandbox. */
  budgetMs?: number;
  loadTimeoutMs?: number;
  /** How long to keep listening after the load event, for errors from timers and promises. */
  settleMs?: number;
  /** JPEG quality of the screenshots, and the largest one kept (lower quality, then half size). */
  quality?: number;
  maxScreenshotBytes?: number;
  maxProblemsPerViewport?: number;
  /** Paths inside the sandbox tried in order for the Chromium binary (default: CHROMIUM_CANDIDATES). */
  chromiumCandidates?: string[];
};

export const CHECK_VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800, mobile: false },
  { name: "phone", width: 390, height: 844, mobile: true },
];

/** Where the check looks for Chromium: Debian's binary (not its /usr/bin wrapper, which reads /etc/chromium.d), then others. */
export const CHROMIUM_CANDIDATES = [
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/opt/google/chrome/chrome",
];
const MARKER = "@@ollio-page-check@@";
const SCRIPT_PATH = "/tmp/ollio-page-check.cjs";

/**
 * Loads the sandbox's index.html in headless Chromium running INSIDE the sandbox — the generated
 * code never runs in a browser on the host — and reports errors, failed loads, blankness and a
 * screenshot per viewport. One implementation for every adapter: it only uses `commands.run`,
 * with the "page-check" limits profile each adapter maps to its own limits.
 *
 * Never throws for a missing browser or node, a crash or a timeout: it answers `unavailable` with
 * the reason, and the caller carries on without the check.
 */
export async function checkApp(sandbox: Sandbox, options: CheckAppOptions): Promise<AppCheckResult> {
  const budgetMs = options.budgetMs ?? 20_000;
  const config = {
    appDir: APP_DIR,
    tmpDir: "/tmp",
    marker: MARKER,
    chromiumCandidates: options.chromiumCandidates ?? CHROMIUM_CANDIDATES,
    headers: options.headers,
    viewports: options.viewports ?? CHECK_VIEWPORTS,
    budgetMs,
    loadTimeoutMs: options.loadTimeoutMs ?? 6_000,
    settleMs: options.settleMs ?? 250,
    quality: options.quality ?? 60,
    maxScreenshotBytes: options.maxScreenshotBytes ?? 150 * 1024,
    maxProblemsPerViewport: options.maxProblemsPerViewport ?? 20,
    sampleMs: 100,
  };
  // The script travels inside the command (a quoted heredoc: no expansion); the config as base64,
  // so no quoting can break. Nothing is written to the app directory.
  const encoded = Buffer.from(JSON.stringify(config)).toString("base64");
  const command = [
    "command -v node >/dev/null 2>&1 || { echo 'node is not installed in the sandbox' >&2; exit 127; }",
    `cat > ${SCRIPT_PATH} <<'OLLIO_PAGE_CHECK_EOF'`,
    PAGE_CHECK_SCRIPT,
    "OLLIO_PAGE_CHECK_EOF",
    `node ${SCRIPT_PATH} ${encoded}; status=$?; rm -f ${SCRIPT_PATH}; exit $status`,
  ].join("\n");

  let result;
  try {
    result = await sandbox.commands.run(command, { timeoutMs: budgetMs + 10_000, profile: "page-check" });
  } catch (error) {
    return { kind: "unavailable", reason: `the sandbox could not run the check: ${error instanceof Error ? error.message : String(error)}` };
  }
  const line = result.stdout.split("\n").find((l) => l.startsWith(MARKER));
  if (!line) {
    const why = result.limitExceeded ? `it hit the sandbox's ${result.limitExceeded} limit` : `it exited with code ${result.exitCode}`;
    return { kind: "unavailable", reason: `the check did not finish (${why}): ${tail(result.stderr)}` };
  }
  let parsed:
    | { ok: true; durationMs: number; launchMs: number; viewports: AppCheckViewports; peak: PeakUse }
    | { ok: false; unavailable?: string; error?: string; stderr?: string };
  try {
    parsed = JSON.parse(line.slice(MARKER.length));
  } catch {
    return { kind: "unavailable", reason: `the check's result was cut short (${result.truncated ? "over the output limit" : "not valid JSON"})` };
  }
  if (!parsed.ok) {
    return { kind: "unavailable", reason: parsed.unavailable ?? `the browser failed: ${parsed.error ?? "unknown error"} ${tail(parsed.stderr ?? "")}`.trim() };
  }
  return { kind: "checked", durationMs: parsed.durationMs, launchMs: parsed.launchMs, viewports: parsed.viewports, peak: parsed.peak };
}

type Checked = Extract<AppCheckResult, { kind: "checked" }>;
type AppCheckViewports = Checked["viewports"];
type PeakUse = Checked["peak"];

function tail(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `…${flat.slice(-300)}` : flat;
}
