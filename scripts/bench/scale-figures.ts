/**
 * Every figure of issue 12 ("Ollio at scale") in one table: runs the benches that measure them one
 * after another, as child processes (so they do not disturb each other), and prints
 * figure | before | measured now | target | met?. "Before" is the figure measured on main before
 * the work (docs/benchmarks.md), except where one run can show it itself by switching a real
 * switch of the code: the hashing bench times unbounded scrypt and the bounded pool side by side,
 * a second `next build` with a Clerk publishable key gives Clerk's share of `/`, and the burst
 * runs again with the page check off (BENCH_PAGE_CHECK=0) to show what the check costs it.
 *
 *   npm run bench:scale                        # two `next build`s (with and without Clerk), ~15 min
 *   npm run bench:scale -- --skip-build        # reuse the checkout's last (local-mode) build
 *   npm run bench:scale -- --no-clerk-build    # one build; Clerk's share is cited, not measured
 *   npm run bench:scale -- --prompts=60        # prompts for bench:browser (default 60)
 *   npm run bench:scale -- --only=burst,poll   # some benches: bundle, lists, browser, burst, poll, hashing
 *
 * Each bench also runs alone (docs/benchmarks.md). Output of a bench this script cannot parse (a
 * bench's format changed) shows as its raw line in the table rather than failing the run.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { buildNextApp, ROOT } from "../../tests/browser/support/next-app";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SKIP_BUILD = args.includes("--skip-build");
const CLERK_BUILD = !SKIP_BUILD && !args.includes("--no-clerk-build");
const PROMPTS = Number(option("prompts") ?? 60);
const ONLY = option("only")?.split(",");
const wanted = (bench: string) => !ONLY || ONLY.includes(bench);

type Bench = { output: string; code: number | null; seconds: number; load: number };
type Row = { figure: string; before: string; measured: string; target: string; met: boolean | null };
const rows: Row[] = [];
const notes: string[] = [];

/** `npm run <script> -- <args>`, its output streamed (indented) and kept for parsing. */
async function runBench(script: string, scriptArgs: string[] = [], env: Record<string, string> = {}): Promise<Bench> {
  const load = os.loadavg()[0]!;
  console.log(`\n▶ npm run ${script}${scriptArgs.length ? ` -- ${scriptArgs.join(" ")}` : ""}${Object.keys(env).length ? `  (${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ")})` : ""}   load average ${load.toFixed(1)}`);
  const started = performance.now();
  const child = spawn("npm", ["run", "--silent", script, ...(scriptArgs.length ? ["--", ...scriptArgs] : [])], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const echo = (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk.toString().replace(/^(?=.)/gm, "  │ "));
  };
  child.stdout.on("data", echo);
  child.stderr.on("data", echo);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) notes.push(`npm run ${script} exited with code ${code} after ${seconds.toFixed(0)} s: see its output above.`);
  return { output, code, seconds, load };
}

/** A figure parsed from a bench's output; when the pattern is not there, the raw line that mentions `about`. */
function figure(bench: Bench, pattern: RegExp, about: string): RegExpMatchArray | string {
  const match = bench.output.match(pattern);
  if (match) return match;
  const line = bench.output.split("\n").find((l) => l.includes(about));
  return line ? `raw: ${line.trim()}` : `not printed (exit ${bench.code})`;
}

function add(figure: string, before: string, measured: RegExpMatchArray | string, show: (m: RegExpMatchArray) => string, target = "—", met?: (m: RegExpMatchArray) => boolean) {
  if (typeof measured === "string") rows.push({ figure, before, measured, target, met: null });
  else rows.push({ figure, before, measured: show(measured), target, met: met ? met(measured) : null });
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const num = (m: RegExpMatchArray, i: number) => Number(m[i]!.replace(/,/g, ""));

async function build(label: string, env: Record<string, string>) {
  const started = performance.now();
  console.log(`\n▶ next build (${label})   load average ${os.loadavg()[0]!.toFixed(1)}`);
  await buildNextApp(env);
  console.log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const FIRST_LOAD = /^\/\s+([\d.]+) KB gzip/m;

async function main() {
  if (!Number.isInteger(PROMPTS) || PROMPTS < 1) throw new Error("--prompts= takes a whole number ≥ 1.");
  const loadAtStart = os.loadavg();
  const startedAt = new Date();
  const needsBuild = wanted("bundle") || wanted("lists") || wanted("browser");

  // Clerk's share of `/`: the same code built with a publishable key (Clerk in the bundle), then
  // the local-mode build everything else measures. Neither key is ever used to reach Clerk.
  let withClerkKb: number | null = null;
  if (needsBuild && CLERK_BUILD && wanted("bundle")) {
    await build("with a Clerk publishable key: OLLIO_BUILD_WITH_CLERK on", {
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from("bench.clerk.accounts.dev$").toString("base64")}`,
      CLERK_SECRET_KEY: "sk_test_bench",
    });
    const clerk = await runBench("bench:bundle", [".next", "/", "--grep=@clerk/"]);
    const m = clerk.output.match(FIRST_LOAD);
    withClerkKb = m ? Number(m[1]) : null;
  }
  if (needsBuild && !SKIP_BUILD) await build("local mode, no Clerk key", { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "", CLERK_SECRET_KEY: "" });

  if (wanted("bundle")) {
    const bundle = await runBench("bench:bundle", [".next", "/", "--grep=@clerk/"]);
    const total = figure(bundle, FIRST_LOAD, "KB gzip");
    add("`/` first-load JS, local mode (gzip)", "218 KB (issue); 267.3 KB before the Clerk change", total, (m) => `${m[1]} KB`, "≤ 160 KB", (m) => Number(m[1]) <= 160);
    const localKb = typeof total === "string" ? null : Number(total[1]);
    const clerkInLocal = /"@clerk\/": FOUND/.test(bundle.output);
    if (withClerkKb !== null && localKb !== null) {
      const share = withClerkKb - localKb;
      rows.push({
        figure: "Clerk's share of `/` first-load JS (build with key − local build)",
        before: "41 KB of 218 KB (issue)",
        measured: `${share.toFixed(1)} KB (${withClerkKb.toFixed(1)} KB with the key; @clerk/ in local chunks: ${clerkInLocal ? "yes" : "no"})`,
        target: "0 KB in local mode",
        met: !clerkInLocal,
      });
    } else {
      rows.push({
        figure: "Clerk code in `/` first-load JS, local mode",
        before: "41 KB of 218 KB (issue)",
        measured: /"@clerk\/": (FOUND|absent)/.test(bundle.output) ? `@clerk/ ${clerkInLocal ? "FOUND" : "absent"} (share not measured: no Clerk build)` : "not printed",
        target: "none in local mode",
        met: /"@clerk\/": (FOUND|absent)/.test(bundle.output) ? !clerkInLocal : null,
      });
    }
  }

  if (wanted("lists")) {
    const lists = await runBench("bench:lists");
    const line = (count: string) => new RegExp(`^/projects\\s+${count} projects\\s+p50 ([\\d.]+) ms\\s+p95 ([\\d.]+) ms\\s+HTML (\\d+) KB`, "m");
    const many = figure(lists, line("1,000"), "1,000 projects");
    const few = figure(lists, line("10"), "10 projects");
    add("`/projects` with 1,000 projects: SSR p50", "114 ms (issue); 59.1 ms just before the change", many, (m) => ms(num(m, 1)), "≤ 40 ms", (m) => num(m, 1) <= 40);
    add("`/projects` with 1,000 projects: HTML", "874 KB (issue); 919 KB just before the change", many, (m) => `${m[3]} KB`);
    add("`/projects` with 10 projects: SSR p50 / HTML", "34 ms (issue)", few, (m) => `${ms(num(m, 1))} / ${m[3]} KB`);
  }

  if (wanted("poll")) {
    const poll = await runBench("bench:poll");
    const row = (label: string) => new RegExp(`^\\s+${label.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\s+p50\\s+([\\d.]+) ms\\s+p95\\s+([\\d.]+) ms`, "m");
    const overHttp = figure(poll, row("new: route /api/poll/<projectId>"), "/api/poll over HTTP");
    add("One poll over HTTP (/api/poll): Next CPU p50 / p95", "~11 ms (issue); 6.4 ms via tRPC before the route", overHttp, (m) => `${m[1]} / ${m[2]} ms`, "≤ 3 ms p50", (m) => num(m, 1) <= 3);
    add("One poll over HTTP, the old tRPC path: Next CPU p50", "~11 ms (issue)", figure(poll, row("old: tRPC runs.poll (/api/trpc, via proxy)"), "tRPC over HTTP"), (m) => `${m[1]} ms`);
    add("One poll in process (the route's handler): CPU p50", "—", figure(poll, row("route /api/poll"), "route in process"), (m) => `${m[1]} ms`);
    // bench:poll does not count statements; say what the code issues.
    add("One poll: SQL statements", "5 (issue)", "1 for local accounts (session, membership, run and newest message in one statement; pollProjectForSession)", (m) => m[1]!);
  }

  if (wanted("burst")) {
    const burst = await runBench("bench:generation", ["--burst"]);
    const summary = figure(burst, /succeeded (\d+)\/(\d+); wall ([\d.]+) ms; per-run p50 ([\d.]+) ms, p95 ([\d.]+) ms/, "succeeded");
    add("Burst of 20 prompts at once: succeeded", "—", summary, (m) => `${m[1]}/${m[2]}`, "20/20", (m) => m[1] === m[2] && m[2] === "20");
    add("Burst of 20: wall time", "16.8 s (issue)", summary, (m) => ms(num(m, 3)));
    add("Burst of 20: per-run p50 / p95", "p95 16.8 s (issue)", summary, (m) => `${ms(num(m, 4))} / ${ms(num(m, 5))}`, "p95 ≤ 2 s", (m) => num(m, 5) <= 2000);
    add("Burst of 20: machine idle", "not recorded", figure(burst, /machine idle during the burst: (\d+)%/, "idle"), (m) => `${m[1]}%`);
    add(
      "Burst of 20: job fetches per job",
      "one per worker slot per NOTIFY (8 at JOBS_CONCURRENCY 8)",
      figure(burst, /job fetches: (\d+) for (\d+) jobs after (\d+) NOTIFYs: ([\d.]+) per job/, "job fetches"),
      (m) => `${m[4]} (${m[1]} for ${m[2]} jobs, ${m[3]} NOTIFYs)`,
      "≤ 2 (one per NOTIFY or freed slot)",
      (m) => Number(m[4]) <= 2,
    );
  }

  if (wanted("burst")) {
    // The same burst with the page check off (a real setting, docs/check.md): what the check
    // costs a burst, since every run of the default one opens its page in Chromium.
    const burst = await runBench("bench:generation", ["--burst"], { BENCH_PAGE_CHECK: "0" });
    add(
      "Burst of 20, page check off: wall / p95",
      "—",
      figure(burst, /succeeded (\d+)\/(\d+); wall ([\d.]+) ms; per-run p50 ([\d.]+) ms, p95 ([\d.]+) ms/, "succeeded"),
      (m) => `${ms(num(m, 3))} / ${ms(num(m, 5))} (${m[1]}/${m[2]} succeeded)`,
    );
  }

  if (wanted("hashing")) {
    const hashing = await runBench("bench:hashing");
    const median = (label: RegExp, about: string) => figure(hashing, new RegExp(`${label.source}\\s+file work per round: median ([\\d.]+) ms`, "m"), about);
    const idle = median(/^idle/, "idle");
    const unbounded = median(/scrypt unbounded \(before\)/, "unbounded");
    const bounded = median(/bounded hashing \(now\)/, "bounded hashing");
    add("File work per round, idle (median)", "8 ms (issue)", idle, (m) => ms(Number(m[1])));
    add("File work under 8 sign-ins, scrypt unbounded (this run)", "496 ms (issue); 18.6 s later", unbounded, (m) => ms(Number(m[1])));
    const idleMs = typeof idle === "string" ? null : Number(idle[1]);
    add(
      "File work under 8 sign-ins, bounded hashing",
      "(the unbounded row)",
      bounded,
      (m) => ms(Number(m[1])),
      "≤ 5× idle",
      (m) => idleMs !== null && Number(m[1]) <= 5 * idleMs,
    );
  }

  if (wanted("browser")) {
    const browser = await runBench("bench:browser", [String(PROMPTS)], { BENCH_SKIP_BUILD: "1" });
    add(
      `bench:browser, ${PROMPTS} prompts: reached their preview`,
      "failed after 24 prompts (FREE credits)",
      figure(browser, /reached their preview: (\d+)\/(\d+)/, "reached"),
      (m) => `${m[1]}/${m[2]}`,
      `${PROMPTS}/${PROMPTS}`,
      (m) => m[1] === m[2],
    );
    add(
      "bench:browser: prompt → preview visible p50 / p95 / max",
      "—",
      figure(browser, /preview visible over \d+ prompts: p50\s+(\d+) ms, p95\s+(\d+) ms, max\s+(\d+) ms/, "preview visible over"),
      (m) => `${ms(num(m, 1))} / ${ms(num(m, 2))} / ${ms(num(m, 3))}`,
      "p50, p95 ≤ 1 s",
      (m) => num(m, 2) <= 1000,
    );
  }

  const loadAtEnd = os.loadavg();
  console.log(`\nIssue 12 figures — ${startedAt.toISOString()}, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`load average (1/5/15 min) at start ${loadAtStart.map((l) => l.toFixed(1)).join("/")}, at end ${loadAtEnd.map((l) => l.toFixed(1)).join("/")}\n`);
  printTable(rows);
  for (const note of notes) console.log(`\nnote: ${note}`);
  if (rows.some((r) => r.met === false) || notes.length) process.exitCode = 1;
}

function printTable(table: Row[]) {
  const cells = table.map((r) => [r.figure, r.before, r.measured, r.target, r.met === null ? "" : r.met ? "met" : "missed"]);
  const header = ["figure", "before", "measured now", "target", "met?"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const c of cells) console.log(line(c));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
