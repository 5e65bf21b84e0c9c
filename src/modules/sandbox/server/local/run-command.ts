import { spawn } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import type { CommandResult } from "../port";
import { SandboxError } from "../port";
import { OutputCap } from "../output-cap";
import { APP_DIR } from "../paths";
import { describeFullWorkspace, describeLimit, limitFromExit, type CommandLimits } from "./limits";
import { sampleProcessTree } from "./process-tree";
import { measureTree } from "./tree-usage";
import { mountedUsage, type DiskEnforcement } from "./workspace-mount";

type LimitKind = NonNullable<CommandResult["limitExceeded"]>;

export type SandboxedProcess = {
  bwrapPath: string;
  /** bwrap's options (passed through a pipe) and the command line to run inside. */
  args: { options: string[]; command: string[] };
  /** Host uid/gid to spawn bwrap as (Ollio runs as root), or null to stay the current user. */
  spawnAs: { uid: number; gid: number } | null;
  /** Host path of the workspace, polled for the disk quota unless the kernel holds it. */
  workspace: string;
  diskEnforcement: DiskEnforcement;
  limits: CommandLimits;
  timeoutMs: number;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Aborted when the sandbox is killed while the command runs. */
  signal?: AbortSignal;
};

// Three samples in a row at 90% of RLIMIT_NPROC: a fork bomb holds the limit, real work does not.
const SATURATED_SAMPLES = 3;
const SATURATION = 0.9;

/**
 * Runs one bwrap invocation to completion and reports it as a CommandResult. Whatever stops it
 * (time, output, disk, memory, processes, sandbox kill), the stop is a SIGKILL to bwrap's process
 * group; `--die-with-parent` then kills the namespace's init, and the kernel kills everything
 * else in the pid namespace with it — nothing a command started survives it.
 */
export function runSandboxed(spec: SandboxedProcess): Promise<CommandResult> {
  const { limits } = spec;
  return new Promise((resolve, reject) => {
    // bwrap's own argv and environment show inside as /proc/1/cmdline and /proc/1/environ: its
    // options (host paths) go through a pipe (`--args 3`; bwrap wants the command on argv), and
    // the environment holds nothing of the app's. (Cast: Next's types require NODE_ENV.)
    const child = spawn(spec.bwrapPath, ["--args", "3", ...spec.args.command], {
      cwd: "/",
      env: { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      // A process group of its own, so one kill reaches bwrap wherever it is in its set-up.
      detached: true,
      uid: spec.spawnAs?.uid,
      gid: spec.spawnAs?.gid,
    });
    const [, outPipe, errPipe, argsPipe] = child.stdio as unknown as [null, Readable, Readable, Writable];
    argsPipe.on("error", () => {}); // bwrap failed to start: reported by the "error" event
    argsPipe.end(spec.args.options.map((arg) => `${arg}\0`).join(""));
    const stdout = new OutputCap(limits.keepOutputBytes, spec.onStdout);
    const stderr = new OutputCap(limits.keepOutputBytes, spec.onStderr);
    let stoppedBy: LimitKind | "killed" | undefined;
    const unmeasurable: { path: string | null } = { path: null };
    let finished = false;

    const stop = (reason: LimitKind | "killed") => {
      if (stoppedBy || finished) return;
      stoppedBy = reason;
      killGroup(child.pid);
    };
    const onOutput = (cap: OutputCap) => (chunk: Buffer) => {
      cap.push(chunk);
      if (stdout.totalBytes + stderr.totalBytes > limits.killOutputBytes) stop("output");
    };
    outPipe.on("data", onOutput(stdout));
    errPipe.on("data", onOutput(stderr));

    const timer = setTimeout(() => stop("timeout"), spec.timeoutMs);
    const onAbort = () => stop("killed");
    spec.signal?.addEventListener("abort", onAbort, { once: true });
    if (spec.signal?.aborted) onAbort();

    const monitor = startMonitor(child.pid, spec, stop, unmeasurable);

    child.once("error", (error) => {
      finished = true;
      clearTimeout(timer);
      monitor.stop();
      reject(new SandboxError(`Could not start bubblewrap (${spec.bwrapPath}): ${error.message}`, "unavailable"));
    });
    child.once("close", async (code, signal) => {
      finished = true;
      clearTimeout(timer);
      monitor.stop();
      spec.signal?.removeEventListener("abort", onAbort);
      const exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);

      let limitExceeded: LimitKind | undefined = stoppedBy === "killed" ? undefined : stoppedBy;
      // Sampled quota: a fast writer can finish between two polls, so check once more at the end.
      if (spec.diskEnforcement === "sampled" && !stoppedBy && (await overDiskQuota(spec.workspace, limits, unmeasurable))) limitExceeded = "disk";
      limitExceeded ??= limitFromExit(exitCode, stderr.text());
      // Kernel-held quota: writes past it failed with ENOSPC. Say so, naming the quota; it is what
      // ended a command that failed for no other reason.
      const full = spec.diskEnforcement === "kernel" && (await mountedUsage(spec.workspace).catch(() => null))?.full === true;
      if (full && !limitExceeded && exitCode !== 0) limitExceeded = "disk";

      let stderrText = stderr.text();
      const note = (line: string) => (stderrText += `${stderrText ? "\n" : ""}${line}`);
      if (stoppedBy === "killed") note("[sandbox] The sandbox was shut down while the command ran.");
      if (full) note(describeFullWorkspace(limits));
      if (limitExceeded && !(limitExceeded === "disk" && full)) note(describeLimit(limitExceeded, limits, spec.timeoutMs));
      if (limitExceeded === "disk" && unmeasurable.path) {
        note(`[sandbox] A directory in it is too deep or unreadable to measure, which counts as over the quota: ${unmeasurable.path}`);
      }
      resolve({
        exitCode,
        stdout: stdout.text(),
        stderr: stderrText,
        truncated: stdout.truncated || stderr.truncated,
        ...(limitExceeded ? { limitExceeded } : {}),
      });
    });
  });
}

/** Polls memory, process count and workspace size while the command runs. */
function startMonitor(pid: number | undefined, spec: SandboxedProcess, stop: (kind: LimitKind) => void, unmeasurable: { path: string | null }) {
  const { limits } = spec;
  let running = true;
  let saturated = 0;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    if (!running || pid === undefined) return;
    const tree = sampleProcessTree(pid);
    if (tree.rssBytes > limits.memoryBytes) return stop("memory");
    saturated = tree.threads >= limits.processes * SATURATION ? saturated + 1 : 0;
    if (saturated >= SATURATED_SAMPLES) return stop("processes");
    if (spec.diskEnforcement === "sampled" && (await overDiskQuota(spec.workspace, limits, unmeasurable))) return stop("disk");
    if (running) timer = setTimeout(tick, limits.pollIntervalMs);
  };
  timer = setTimeout(tick, limits.pollIntervalMs);
  return {
    stop() {
      running = false;
      clearTimeout(timer);
    },
  };
}

/** `unmeasurable.path` is set (sandbox-relative) when the walk could not read part of the tree. */
async function overDiskQuota(workspace: string, limits: CommandLimits, unmeasurable: { path: string | null }): Promise<boolean> {
  const usage = await measureTree(workspace, { bytes: limits.diskBytes, entries: limits.diskEntries });
  if (usage.unmeasurable) unmeasurable.path = `${APP_DIR}/${path.relative(workspace, usage.unmeasurable)}`.slice(0, 200);
  return usage.exceeded;
}

function killGroup(pid: number | undefined) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}
