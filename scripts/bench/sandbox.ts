/**
 * Local sandbox latency: create + first command, sequentially and 20 at once.
 * Run: npx tsx scripts/bench/sandbox.ts   (target: median create + `echo` ≤ 30 ms)
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { LocalSandboxProvider } from "@/modules/sandbox/server/local/local-provider";

const SEQUENTIAL_RUNS = 50;
const CONCURRENT_SANDBOXES = 20;
const COMMANDS = ["echo ok", "node -e 0"];

const root = await mkdtemp(path.join(os.tmpdir(), "ollio-bench-"));
const provider = new LocalSandboxProvider({ root, templatesDir: path.resolve(import.meta.dirname, "../../sandbox-templates") });

try {
  const preflightStarted = performance.now();
  await provider.ready();
  console.log(`preflight (once per process): ${ms(performance.now() - preflightStarted)}`);
  console.log(`${os.cpus().length} CPUs, Node ${process.version}, running as ${process.getuid?.() === 0 ? "root (a uid per sandbox)" : "an unprivileged user"}\n`);

  for (const command of COMMANDS) {
    for (let i = 0; i < 3; i++) await createAndRun(command); // warm the page cache and the JIT

    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL_RUNS; i++) sequential.push(await createAndRun(command));
    console.log(`create + \`${command}\`, ${SEQUENTIAL_RUNS} in a row: median ${ms(percentile(sequential, 50))}, p95 ${ms(percentile(sequential, 95))}`);

    const started = performance.now();
    const concurrent = await Promise.all(Array.from({ length: CONCURRENT_SANDBOXES }, () => createAndRun(command)));
    const wall = performance.now() - started;
    console.log(
      `create + \`${command}\`, ${CONCURRENT_SANDBOXES} at once: total ${ms(wall)}, per sandbox p50 ${ms(percentile(concurrent, 50))}, p95 ${ms(percentile(concurrent, 95))}\n`,
    );
  }
} finally {
  await provider.close();
  await rm(root, { recursive: true, force: true });
}

/** Milliseconds from create() until the first command's result; the kill is not counted. */
async function createAndRun(command: string): Promise<number> {
  const started = performance.now();
  const sandbox = await provider.create();
  const result = await sandbox.commands.run(command);
  const elapsed = performance.now() - started;
  if (result.exitCode !== 0) throw new Error(`\`${command}\` failed: ${result.stderr}`);
  await sandbox.kill();
  return elapsed;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
