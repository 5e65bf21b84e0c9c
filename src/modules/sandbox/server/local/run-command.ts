import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { CommandResult } from "../port";
import { SandboxError } from "../port";
import { OutputCap } from "../output-cap";
import { describeLimit, limitFromExit, type CommandLimits } from "./limits";
import { sampleProcessTree } from "./process-tree";
import { measureTree } from "./tree-usage";

type LimitKind = NonNullable<CommandResult["limitExceeded"]>;

export type SandboxedProcess = {
  bwrapPath: string;
  /** bwrap's options (passed through a pipe) and the command line to run inside. */
  args: { options: string[]; command: string[] };
  /** Host uid/gid to spawn bwrap as (Ollio runs as root), or null to stay the current user. */
  spawnAs: { uid: number; gid: number } | null;
  /** Host path of the workspace, polled for the disk quota. */
  workspace: string;
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

    const monitor = startMonitor(child.pid, spec, stop);

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
      // A fast writer can finish between two polls: check the quota once more at the end.
      if (!stoppedBy && (await overDiskQuota(spec.workspace, limits))) limitExceeded = "disk";
      limitExceeded ??= limitFromExit(exitCode, stderr.text());

      let stderrText = stderr.text();
      if (stoppedBy === "killed") stderrText += `${stderrText ? "\n" : ""}[sandbox] The sandbox was shut down while the command ran.`;
      if (limitExceeded) stderrText += `${stderrText ? "\n" : ""}${describeLimit(limitExceeded, limits, spec.timeoutMs)}`;
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
function startMonitor(pid: number | undefined, spec: SandboxedProcess, stop: (kind: LimitKind) => void) {
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
    if (await overDiskQuota(spec.workspace, limits)) return stop("disk");
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

async function overDiskQuota(workspace: string, limits: CommandLimits): Promise<boolean> {
  const usage = await measureTree(workspace, { bytes: limits.diskBytes, entries: limits.diskEntries });
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
