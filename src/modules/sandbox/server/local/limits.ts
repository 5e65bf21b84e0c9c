import { COMMAND_TIMEOUT_MS, commandTimeout, KEEP_OUTPUT_BYTES, KILL_OUTPUT_BYTES, MAX_COMMAND_TIMEOUT_MS } from "../command-defaults";
import type { CommandResult } from "../port";
import { formatBytes } from "../paths";

type LimitKind = NonNullable<CommandResult["limitExceeded"]>;

/**
 * What one command in a local sandbox may use. Two kinds of enforcement:
 * - the kernel, through rlimits set by util-linux `prlimit` inside the namespace (cpu, memory per
 *   process, processes, file size, open files) — immediate, but per process (except processes);
 * - the host, through a monitor that samples every `pollIntervalMs` and kills the whole sandbox
 *   (timeout, output, workspace disk, memory of all its processes together, process saturation).
 */
export type CommandLimits = {
  /** Default wall-clock limit when the caller gives none. */
  timeoutMs: number;
  /** Upper bound for a caller's `timeoutMs`. */
  maxTimeoutMs: number;
  /** RLIMIT_CPU per process (SIGXCPU at the soft limit, SIGKILL one second later). */
  cpuSeconds: number;
  /**
   * RLIMIT_DATA per process and the cap on the summed RSS of all the sandbox's processes.
   * Not RLIMIT_AS: V8 reserves large address ranges up front and Node cannot even start under a
   * 512 MB RLIMIT_AS, while RLIMIT_DATA (private writable memory) makes Node fail cleanly with
   * "JavaScript heap out of memory" (measured with Node 20).
   */
  memoryBytes: number;
  /**
   * RLIMIT_NPROC: tasks (processes and threads; Node alone runs ~11) of the sandbox's uid. The
   * kernel counts it per user namespace, so each sandbox has its own budget.
   */
  processes: number;
  /** RLIMIT_FSIZE: largest file a command may write (SIGXFSZ beyond). */
  fileSizeBytes: number;
  /** RLIMIT_NOFILE. */
  openFiles: number;
  /**
   * Workspace quota for commands and most entries it may hold. As root, the size and inode limit
   * of the workspace's own tmpfs (writes past it fail with ENOSPC); otherwise bytes of regular
   * files, sampled by the host (workspace-mount.ts).
   */
  diskBytes: number;
  diskEntries: number;
  /** Size of the private /tmp and of $HOME outside the app directory (memory-backed tmpfs). */
  tmpBytes: number;
  homeBytes: number;
  /** Output kept per stream, and the total output after which the command is stopped. */
  keepOutputBytes: number;
  killOutputBytes: number;
  pollIntervalMs: number;
};

export const DEFAULT_COMMAND_LIMITS: CommandLimits = {
  timeoutMs: COMMAND_TIMEOUT_MS,
  maxTimeoutMs: MAX_COMMAND_TIMEOUT_MS,
  cpuSeconds: 120,
  memoryBytes: 1024 * 1024 * 1024,
  processes: 256,
  fileSizeBytes: 64 * 1024 * 1024,
  openFiles: 1024,
  diskBytes: 128 * 1024 * 1024,
  diskEntries: 10_000,
  tmpBytes: 64 * 1024 * 1024,
  homeBytes: 16 * 1024 * 1024,
  keepOutputBytes: KEEP_OUTPUT_BYTES,
  killOutputBytes: KILL_OUTPUT_BYTES,
  pollIntervalMs: 100,
};

/**
 * Limits for Ollio's own page check (checkApp: headless Chromium loading the generated page in the
 * sandbox), measured with Debian's Chromium 156 on Node 20 (docs/check.md, `npm run bench:check`):
 * - threads: Chromium's browser, renderers and utility processes peak at ≈110–130 tasks for two
 *   tabs; 128 stopped it. 512 leaves room for pages that start workers, and stays far from the
 *   host (the count is per user namespace).
 * - memory: the host's cap sums VmRSS over processes, which counts the shared Chromium binary
 *   once per process (≈ 5×); 768 MB of summed RSS stopped the check, 1 GB passed. 2 GB summed
 *   here is ≈ 400 MB of private memory. RLIMIT_DATA per process stays at 1 GB.
 * - output: the result carries two JPEG screenshots as base64 (≤ 150 KB each), beyond the 64 KB
 *   kept for agent commands.
 * - /tmp holds Chromium's profile and, with --disable-dev-shm-usage, its shared memory.
 */
export function pageCheckLimits(base: CommandLimits): CommandLimits {
  return {
    ...base,
    timeoutMs: 30_000,
    maxTimeoutMs: 60_000,
    cpuSeconds: 60,
    memoryBytes: Math.max(base.memoryBytes, 2 * 1024 * 1024 * 1024),
    processes: Math.max(base.processes, 512),
    tmpBytes: Math.max(base.tmpBytes, 256 * 1024 * 1024),
    keepOutputBytes: Math.max(base.keepOutputBytes, 1024 * 1024),
  };
}

/** `prlimit` options (soft:hard) applied to the command's shell and inherited by its children. */
export function prlimitArgs(limits: CommandLimits): string[] {
  return [
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--data=${limits.memoryBytes}`,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.fileSizeBytes}`,
    `--nofile=${limits.openFiles}`,
    "--core=0",
  ];
}

export function effectiveTimeout(requested: number | undefined, limits: CommandLimits): number {
  return commandTimeout(requested, limits.timeoutMs, limits.maxTimeoutMs);
}

const SIGXCPU = 24;
const SIGXFSZ = 25;

/**
 * Which rlimit, if any, ended a command the monitor did not stop. Exit codes 128+n mean "killed by
 * signal n" (bwrap and the shell both report a signal death that way). A memory failure has no
 * signal of its own, so it is recognised by the allocator's message.
 */
export function limitFromExit(exitCode: number, stderr: string): LimitKind | undefined {
  if (exitCode === 128 + SIGXCPU) return "cpu";
  if (exitCode === 128 + SIGXFSZ) return "file-size";
  const outOfMemory = /out of memory|Cannot allocate memory|Allocation failed|std::bad_alloc|MemoryError/i;
  if (exitCode !== 0 && outOfMemory.test(stderr)) return "memory";
  return undefined;
}

/** The sentence appended to stderr when a limit stopped the command, for the agent to act on. */
export function describeLimit(kind: LimitKind, limits: CommandLimits, timeoutMs: number): string {
  const why: Record<LimitKind, string> = {
    timeout: `it ran longer than its time limit of ${formatSeconds(timeoutMs)}`,
    output: `it wrote more than ${formatBytes(limits.killOutputBytes)} of output`,
    disk: `the app directory grew past its quota of ${formatBytes(limits.diskBytes)} or ${limits.diskEntries} entries`,
    memory: `it used more than ${formatBytes(limits.memoryBytes)} of memory`,
    processes: `it started too many processes or threads (limit ${limits.processes})`,
    cpu: `a process used more than ${limits.cpuSeconds} s of CPU time`,
    "file-size": `it tried to write a file larger than ${formatBytes(limits.fileSizeBytes)}`,
  };
  return `[sandbox] The command was stopped: ${why[kind]}.`;
}

/**
 * The sentence appended when a command ends with its tmpfs workspace full: the kernel refused the
 * writes past the quota (ENOSPC), nothing was killed.
 */
export function describeFullWorkspace(limits: CommandLimits): string {
  return `[sandbox] The app directory is full: its quota is ${formatBytes(limits.diskBytes)} and ${limits.diskEntries} entries, and writes past it fail with "No space left on device". Delete files to make room.`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
