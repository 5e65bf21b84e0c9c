import type { CommandResult, RunCommandOptions, Sandbox, SandboxFileEntry } from "../port";
import { SandboxError } from "../port";
import { bwrapArgs } from "./bwrap-args";
import { effectiveTimeout, type CommandLimits } from "./limits";
import { runSandboxed } from "./run-command";
import { destroySandbox, readMeta, writeMeta, type SandboxMeta } from "./workspace";
import type { WorkspaceFiles } from "./workspace-files";
import type { DiskEnforcement } from "./workspace-mount";
import type { WorkspaceRoot } from "./workspace-root";

/** What every local sandbox of one provider shares, settled once by the provider's preflight. */
export type LocalRuntime = {
  root: WorkspaceRoot;
  bwrapPath: string;
  systemArgs: string[];
  shell: string;
  limits: CommandLimits;
  /** How workspace quotas are held on this host (workspace-mount.ts). */
  diskEnforcement: DiskEnforcement;
  /** Limits for the "page-check" profile (checkApp's headless browser). */
  pageCheckLimits: CommandLimits;
};

/**
 * One local sandbox. Commands and file operations are serialised: a command's processes all die
 * with its pid namespace, so while the host reads or writes files nothing inside can race it by
 * swapping a directory for a symlink.
 */
export class LocalSandbox implements Sandbox {
  readonly id: string;
  private queue: Promise<unknown> = Promise.resolve();
  private running: AbortController | null = null;
  private expiryTimer: NodeJS.Timeout | undefined;
  private gone = false;

  constructor(
    private readonly runtime: LocalRuntime,
    private meta: SandboxMeta,
    private readonly workspace: WorkspaceFiles,
    private readonly appDir: string,
    private readonly onGone: (id: string) => void,
  ) {
    this.id = meta.id;
    this.scheduleExpiry();
  }

  readonly files = {
    write: (path: string, content: string) => this.exclusive(() => this.workspace.write(path, content)),
    read: (path: string) => this.exclusive(() => this.workspace.read(path)),
    list: (dir?: string): Promise<SandboxFileEntry[]> => this.exclusive(() => this.workspace.list(dir)),
  };

  readonly commands = {
    run: (command: string, options: RunCommandOptions = {}) => this.exclusive(() => this.run(command, options)),
  };

  /** Servers inside have no network to be reached through; previews come from the preview server. */
  previewUrl(): string | null {
    return null;
  }

  async setTimeout(timeoutMs: number): Promise<void> {
    this.assertAlive();
    this.meta = { ...this.meta, expiresAt: Date.now() + timeoutMs };
    await writeMeta(this.runtime.root, this.meta);
    this.scheduleExpiry();
  }

  async kill(): Promise<void> {
    if (this.gone) return;
    this.gone = true;
    clearTimeout(this.expiryTimer);
    this.running?.abort();
    this.onGone(this.id);
    // After any running command has ended, so its processes are gone before the files are.
    await this.queue.catch(() => {});
    try {
      await destroySandbox(this.runtime.root, this.id, this.meta);
    } catch (error) {
      // Its metadata and uid claim stay; marked expired, the reaper retries on every pass.
      await writeMeta(this.runtime.root, { ...this.meta, expiresAt: 0 }).catch(() => {});
      throw error;
    }
  }

  private async run(command: string, options: RunCommandOptions): Promise<CommandResult> {
    if (command.includes("\0")) {
      return { exitCode: 2, stdout: "", stderr: "[sandbox] A command cannot contain a NUL byte.", truncated: false };
    }
    const limits = options.profile === "page-check" ? this.runtime.pageCheckLimits : this.runtime.limits;
    const cwd = await this.workspace.directory(options.cwd);
    const args = bwrapArgs({ ...this.runtime, limits, etcDir: this.runtime.root.etcDir, workspace: this.appDir, cwd, command });
    this.running = new AbortController();
    try {
      return await runSandboxed({
        bwrapPath: this.runtime.bwrapPath,
        args,
        spawnAs: this.meta.dedicated ? { uid: this.meta.uid, gid: this.meta.gid } : null,
        workspace: this.appDir,
        diskEnforcement: this.runtime.diskEnforcement,
        limits,
        timeoutMs: effectiveTimeout(options.timeoutMs, limits),
        onStdout: options.onStdout,
        onStderr: options.onStderr,
        signal: this.running.signal,
      });
    } finally {
      this.running = null;
    }
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      this.assertAlive();
      return operation();
    });
    this.queue = result.catch(() => {});
    return result;
  }

  private assertAlive() {
    if (this.gone) throw new SandboxError(`Sandbox ${this.id} is gone (killed or expired).`, "gone");
  }

  /** setTimeout semantics: the sandbox ends at its expiry unless someone extends it first. */
  private scheduleExpiry() {
    clearTimeout(this.expiryTimer);
    const delay = Math.max(0, this.meta.expiresAt - Date.now());
    this.expiryTimer = setTimeout(() => void this.expireIfDue(), Math.min(delay, 2 ** 31 - 1));
    this.expiryTimer.unref();
  }

  // Another process may have extended it (connect + setTimeout): the file on disk decides.
  private async expireIfDue() {
    const current = await readMeta(this.runtime.root, this.id);
    if (current && current.expiresAt > Date.now()) {
      this.meta = current;
      this.scheduleExpiry();
      return;
    }
    await this.kill().catch(() => {});
  }
}
