/**
 * The page check on the local sandbox: how long one check takes (both sizes, in the sandbox's
 * Chromium), its peak memory and threads, and what it adds to a run that passes.
 * Run: npm run bench:check [runs]   (targets: p50 ≤ 1.5 s for both sizes on 2 cores, ≤ 500 MB peak)
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runPageCheck } from "@/modules/check/server/run-page-check";
import { collectAppFiles } from "@/modules/generation/server/sandbox-files";
import { previewHeaders } from "@/modules/preview/server/preview-headers";
import { LocalSandboxProvider } from "@/modules/sandbox/server/local/local-provider";
import { pageFiles } from "../../tests/browser/support/ui-model";

const RUNS = Number(process.argv[2] ?? 20);
const WARMUP = 2;
// The preview's headers for the default APP_URL (what a run uses), without loading the app's env.
const headers = previewHeaders("http://localhost:3000");

const root = await mkdtemp(path.join(os.tmpdir(), "ollio-bench-check-"));
const provider = new LocalSandboxProvider({ root, templatesDir: path.resolve(import.meta.dirname, "../../sandbox-templates") });

try {
  await provider.ready();
  console.log(`${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, Node ${process.version}`);
  const sandbox = await provider.create();
  for (const [file, content] of Object.entries(pageFiles("A bakery landing page with opening hours"))) await sandbox.files.write(file, content);

  const wall: number[] = [];
  const inside: number[] = [];
  const launch: number[] = [];
  const added: number[] = [];
  let peakPrivate = 0;
  let peakRss = 0;
  let peakThreads = 0;
  let shotBytes: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    const files = await collectAppFiles(sandbox); // the no-change guard reads the files first
    const checkStarted = performance.now();
    const verdict = await runPageCheck(sandbox, files, { headers });
    const ended = performance.now();
    if (verdict.status !== "passed") throw new Error(`expected a clean page, got ${verdict.status}: ${JSON.stringify(verdict.problems)} ${verdict.note ?? ""}`);
    if (i < WARMUP) continue;
    wall.push(ended - checkStarted);
    added.push(ended - started);
    inside.push(verdict.durationMs ?? 0);
    launch.push(verdict.launchMs ?? 0);
    const peak = verdict.peak!;
    peakPrivate = Math.max(peakPrivate, peak.privateBytes);
    peakRss = Math.max(peakRss, peak.rssBytes);
    peakThreads = Math.max(peakThreads, peak.threads);
    shotBytes = verdict.screenshots.map((s) => s.bytes);
  }
  await sandbox.kill();

  console.log(`\npage check, desktop 1280×800 + phone 390×844, ${RUNS} runs after ${WARMUP} warm-up:`);
  console.log(`  check (host wall clock, incl. sandbox start):  p50 ${ms(p(wall, 50))}  p95 ${ms(p(wall, 95))}`);
  console.log(`  inside the sandbox (server + Chromium + 2 tabs): p50 ${ms(p(inside, 50))}  p95 ${ms(p(inside, 95))}`);
  console.log(`  added to a run that passes (read files + check): p50 ${ms(p(added, 50))}  p95 ${ms(p(added, 95))}`);
  console.log(`  peak memory, private (RssAnon + RssShmem, all processes): ${mb(peakPrivate)}`);
  console.log(`  peak memory, summed VmRSS (what the local sandbox's cap counts): ${mb(peakRss)}`);
  console.log(`  peak threads (RLIMIT_NPROC counts these): ${peakThreads}`);
  console.log(`  screenshots: ${shotBytes.map((b) => `${(b / 1024).toFixed(1)} KB`).join(", ")} (JPEG q60)`);
  console.log(`  Chromium start-up inside the check: p50 ${ms(p(launch, 50))}  p95 ${ms(p(launch, 95))}`);
} finally {
  await provider.close();
  await rm(root, { recursive: true, force: true });
}

function p(values: number[], percentile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)]!;
}
function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
