/**
 * Does password hashing starve other I/O? File work (what a sandbox does when the agent writes
 * files) timed alone, then while 8 sign-ins hash at once: first with scrypt called directly
 * (what Ollio did: every hash on the shared libuv pool), then through Ollio's bounded hashing.
 * Run: npx tsx scripts/bench/password-hashing.ts   (target: file work with bounded hashing
 * within a few times its idle figure, not the ~60x of unbounded hashing)
 */
import { randomBytes, scrypt } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { passwordHashing } from "@/modules/auth/server/bounded-hashing";
import { hashPassword } from "@/modules/auth/server/password";

const SIGN_INS = 8;
const ROUNDS = 15;
// Starved file work can take many seconds a round; stop early rather than run for minutes.
const TIME_BUDGET_MS = 15_000;
const FILES_PER_ROUND = 10;
const content = randomBytes(8 * 1024).toString("base64");

const root = await mkdtemp(path.join(os.tmpdir(), "ollio-bench-hashing-"));

/** One round of sandbox-like file work: write and read back a few small files. */
async function fileWork(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < FILES_PER_ROUND; i++) {
    const file = path.join(root, `file-${i}.txt`);
    await writeFile(file, content);
    await readFile(file, "utf8");
  }
  return performance.now() - started;
}

// Exactly what password.ts computes (N = 2^15, r = 8, p = 1), minus the bound.
const unboundedScrypt = () =>
  new Promise<void>((resolve, reject) =>
    scrypt("a sign-in password", randomBytes(16), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 256 * 2 ** 15 * 8 }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
const boundedScrypt = () => hashPassword("a sign-in password").then(() => {});

async function measure(label: string, hash?: () => Promise<void>) {
  let running = true;
  let hashes = 0;
  const started = performance.now();
  // SIGN_INS clients signing in again and again while the file work is timed.
  const clients = hash
    ? Array.from({ length: SIGN_INS }, async () => {
        while (running) {
          await hash();
          hashes++;
        }
      })
    : [];
  const rounds: number[] = [];
  while (rounds.length < ROUNDS && (rounds.length < 3 || performance.now() - started < TIME_BUDGET_MS)) rounds.push(await fileWork());
  running = false;
  await Promise.all(clients);
  const seconds = (performance.now() - started) / 1000;
  const rate = hash ? `, sign-ins hashed: ${(hashes / seconds).toFixed(1)}/s` : "";
  console.log(`${label.padEnd(44)} file work per round: median ${ms(percentile(rounds, 50))}, max ${ms(Math.max(...rounds))} (${rounds.length} rounds)${rate}`);
}

try {
  console.log(
    `${os.availableParallelism()} CPUs, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}, ` +
      `bounded hashing runs ${passwordHashing.stats().concurrency} at once; ${FILES_PER_ROUND} files written + read per round\n`,
  );
  for (let i = 0; i < 3; i++) await fileWork(); // warm up
  await measure("idle");
  await measure(`${SIGN_INS} sign-ins, scrypt unbounded (before)`, unboundedScrypt);
  await measure(`${SIGN_INS} sign-ins, bounded hashing (now)`, boundedScrypt);
} finally {
  await rm(root, { recursive: true, force: true });
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function ms(value: number) {
  return `${value.toFixed(1)} ms`;
}
