import { CommandExitError, FileNotFoundError, SandboxNotFoundError, TimeoutError, type EntryInfo } from "@e2b/code-interpreter";
import { commandTimeout, KEEP_OUTPUT_BYTES, KILL_OUTPUT_BYTES } from "../command-defaults";
import { OutputCap } from "../output-cap";
import { APP_DIR, assertFileSize, assertWriteBudget, formatBytes, normalizeSandboxPath, sandboxAbsolutePath } from "../paths";
import type { CommandResult, RunCommandOptions, Sandbox, SandboxFileEntry } from "../port";
import { SandboxError } from "../port";
import type { E2bSandboxHandle } from "./e2b-sdk";

const PAGE_CHECK_KEEP_OUTPUT_BYTES = 1024 * 1024;

/** Deep enough for any app directory; E2B lists one level unless told otherwise. */
const LIST_DEPTH = 32;

/**
 * A sandbox on E2B (a Firecracker micro-VM: the VM is the isolation boundary). This adapter adds
 * what the port promises on top of the SDK: confined relative paths, the file budget, capped
 * output, and limits reported as CommandResult.limitExceeded instead of thrown.
 */
export class E2bSandbox implements Sandbox {
  constructor(private readonly sdk: E2bSandboxHandle) {}

  get id(): string {
    return this.sdk.sandboxId;
  }

  readonly files = {
    write: (path: string, content: string) => this.call(() => this.write(path, content)),
    read: (path: string) => this.call(() => this.read(path)),
    list: (dir?: string) => this.call(() => this.list(dir)),
  };

  readonly commands = {
    run: (command: string, options: RunCommandOptions = {}) => this.call(() => this.run(command, options)),
  };

  previewUrl(port: number): string {
    return `https://${this.sdk.getHost(port)}`;
  }

  setTimeout(timeoutMs: number): Promise<void> {
    return this.call(() => this.sdk.setTimeout(timeoutMs));
  }

  async kill(): Promise<void> {
    await this.sdk.kill().catch((error: unknown) => {
      if (!(error instanceof SandboxNotFoundError)) throw error;
    });
  }

  private async write(input: string, content: string) {
    const rel = normalizeSandboxPath(input);
    const bytes = Buffer.byteLength(content);
    assertFileSize(rel, bytes);
    const entries = await this.sdk.files.list(APP_DIR, { depth: LIST_DEPTH });
    const files = entries.filter((entry) => entry.type === "file");
    const replaced = files.find((entry) => entry.path === sandboxAbsolutePath(rel));
    const usage = { files: files.length, totalBytes: files.reduce((sum, entry) => sum + entry.size, 0) };
    assertWriteBudget(rel, usage, bytes, replaced?.size ?? null);
    await this.sdk.files.write(sandboxAbsolutePath(rel), content);
  }

  private async read(input: string) {
    const rel = normalizeSandboxPath(input);
    const path = sandboxAbsolutePath(rel);
    const info = await this.sdk.files.getInfo(path).catch(notFound(rel));
    if (info.symlinkTarget !== undefined && !isInsideAppDir(info.symlinkTarget)) {
      throw new SandboxError(`Path "${rel}" is not allowed: it is a symlink to ${info.symlinkTarget}, outside the app directory.`, "path-escape");
    }
    assertFileSize(rel, info.size);
    return this.sdk.files.read(path).catch(notFound(rel));
  }

  private async list(dir = ""): Promise<SandboxFileEntry[]> {
    const rel = normalizeSandboxPath(dir, { allowRoot: true });
    const entries = await this.sdk.files.list(sandboxAbsolutePath(rel), { depth: LIST_DEPTH }).catch(notFound(rel || "."));
    return entries
      .filter((entry) => (entry.type === "file" || entry.type === "dir") && entry.path.startsWith(`${APP_DIR}/`))
      .map((entry: EntryInfo) => ({
        path: entry.path.slice(APP_DIR.length + 1),
        type: entry.type === "dir" ? ("dir" as const) : ("file" as const),
        size: entry.type === "dir" ? 0 : entry.size,
      }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  private async run(command: string, options: RunCommandOptions): Promise<CommandResult> {
    const cwd = sandboxAbsolutePath(normalizeSandboxPath(options.cwd ?? "", { allowRoot: true }));
    const timeoutMs = commandTimeout(options.timeoutMs);
    // The page check's result carries its screenshots (the VM itself bounds its memory and threads).
    const keep = options.profile === "page-check" ? PAGE_CHECK_KEEP_OUTPUT_BYTES : KEEP_OUTPUT_BYTES;
    const stdout = new OutputCap(keep, options.onStdout);
    const stderr = new OutputCap(KEEP_OUTPUT_BYTES, options.onStderr);
    let floodStopped = false;
    let stopFlood = () => {};
    const capture = (cap: OutputCap) => (data: string) => {
      cap.push(data);
      if (!floodStopped && stdout.totalBytes + stderr.totalBytes > KILL_OUTPUT_BYTES) {
        floodStopped = true;
        stopFlood();
      }
    };

    let exitCode: number;
    let limitExceeded: CommandResult["limitExceeded"];
    try {
      const handle = await this.sdk.commands.run(command, {
        background: true,
        cwd,
        timeoutMs,
        onStdout: capture(stdout),
        onStderr: capture(stderr),
      });
      stopFlood = () => void handle.kill().catch(() => {});
      if (floodStopped) stopFlood();
      exitCode = (await handle.wait()).exitCode;
    } catch (error) {
      if (error instanceof CommandExitError) exitCode = error.exitCode;
      else if (error instanceof TimeoutError) {
        exitCode = 124; // what coreutils `timeout` reports
        limitExceeded = "timeout";
      } else throw error;
    }
    if (floodStopped) limitExceeded = "output";

    let stderrText = stderr.text();
    if (limitExceeded) {
      const why =
        limitExceeded === "timeout"
          ? `it ran longer than its time limit of ${Math.round(timeoutMs / 100) / 10} s`
          : `it wrote more than ${formatBytes(KILL_OUTPUT_BYTES)} of output`;
      stderrText += `${stderrText ? "\n" : ""}[sandbox] The command was stopped: ${why}.`;
    }
    return {
      exitCode,
      stdout: stdout.text(),
      stderr: stderrText,
      truncated: stdout.truncated || stderr.truncated,
      ...(limitExceeded ? { limitExceeded } : {}),
    };
  }

  /** The SDK reports a sandbox that timed out or was killed as SandboxNotFoundError. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof SandboxNotFoundError) {
        throw new SandboxError(`Sandbox ${this.id} is gone (killed or expired).`, "gone");
      }
      throw error;
    }
  }
}

function isInsideAppDir(target: string): boolean {
  // A relative target stays inside unless it climbs; E2B reports targets as written by `ln -s`.
  if (!target.startsWith("/")) return !target.split("/").includes("..");
  return target === APP_DIR || target.startsWith(`${APP_DIR}/`);
}

function notFound(rel: string) {
  return (error: unknown): never => {
    if (error instanceof FileNotFoundError) throw new SandboxError(`"${rel}" does not exist.`, "not-found");
    throw error;
  };
}
