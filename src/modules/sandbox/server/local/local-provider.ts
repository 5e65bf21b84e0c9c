import { realpath } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SANDBOX_TIMEOUT_MS } from "../command-defaults";
import type { CreateSandboxOptions, Sandbox, SandboxProvider } from "../port";
import { SandboxError } from "../port";
import { hostSystemArgs } from "./bwrap-args";
import { DEFAULT_COMMAND_LIMITS, pageCheckLimits, type CommandLimits } from "./limits";
import { LocalSandbox, type LocalRuntime } from "./local-sandbox";
import { findBwrap, sandboxShell, smokeTestFailure } from "./preflight";
import { reapExpiredSandboxes } from "./reaper";
import { claimSandboxUid } from "./sandbox-uid";
import { createWorkspace, destroySandbox, newSandboxId, readMeta, sandboxPaths, templateAppDir, type SandboxMeta } from "./workspace";
import { WorkspaceFiles } from "./workspace-files";
import { probeWorkspaceMounts } from "./workspace-mount";
import { prepareWorkspaceRoot } from "./workspace-root";

export const DEFAULT_TEMPLATE = "ollio-web";
const REAP_INTERVAL_MS = 60_000;

export type LocalProviderOptions = {
  /** Default: <os tmpdir>/ollio-sandboxes. */
  root?: string;
  /** Host-wide uid claims (root only). Default: /var/lib/ollio/sandbox-uids. */
  uidClaimsDir?: string;
  /** Default: <cwd>/sandbox-templates. */
  templatesDir?: string;
  defaultTemplate?: string;
  limits?: Partial<CommandLimits>;
  /**
   * Default true: mount each workspace as a tmpfs of its quota when the host allows it (root).
   * False keeps the sampled quota even as root (used to measure what sampling lets through).
   */
  mountWorkspaces?: boolean;
  /** Overrides for the "page-check" profile (default: pageCheckLimits of the limits above). */
  pageCheckLimits?: Partial<CommandLimits>;
};

/**
 * Sandboxes on this machine with bubblewrap. The first create/connect runs a preflight — bwrap on
 * PATH, the workspace root, a trial sandbox — and if any of it fails every call is refused with
 * the reason: there is no fallback to running commands unsandboxed.
 */
export class LocalSandboxProvider implements SandboxProvider {
  readonly name = "local" as const;
  private runtime: Promise<LocalRuntime> | null = null;
  private readonly live = new Map<string, LocalSandbox>();
  private reaper: NodeJS.Timeout | undefined;
  private reapFailures = new Map<string, number>();

  constructor(private readonly options: LocalProviderOptions = {}) {}

  /** Runs the preflight now (it otherwise runs on first use) and rejects if sandboxes cannot run. */
  ready(): Promise<LocalRuntime> {
    this.runtime ??= this.preflight();
    return this.runtime;
  }

  async create(options: CreateSandboxOptions = {}): Promise<Sandbox> {
    const runtime = await this.ready();
    const templateDir = await templateAppDir(this.templatesDir, options.template ?? this.options.defaultTemplate ?? DEFAULT_TEMPLATE);
    return this.createFrom(runtime, templateDir, options);
  }

  async connect(sandboxId: string): Promise<Sandbox> {
    const runtime = await this.ready();
    const open = this.live.get(sandboxId);
    if (open) return open;
    const meta = await readMeta(runtime.root, sandboxId);
    if (!meta || meta.expiresAt <= Date.now()) {
      throw new SandboxError(`Sandbox ${sandboxId} is gone (killed or expired).`, "gone");
    }
    return this.open(runtime, meta);
  }

  /** Stops the reaper and kills every sandbox this provider holds open (tests, shutdown). */
  async close(): Promise<void> {
    clearInterval(this.reaper);
    await Promise.all([...this.live.values()].map((sandbox) => sandbox.kill()));
  }

  private get templatesDir() {
    return this.options.templatesDir ?? path.join(process.cwd(), "sandbox-templates");
  }

  /** `templateDir` null: an empty workspace (the preflight's trial sandbox). */
  private async createFrom(runtime: LocalRuntime, templateDir: string | null, options: CreateSandboxOptions) {
    const id = newSandboxId();
    const owner = await claimSandboxUid(runtime.root.uidsDir, sandboxPaths(runtime.root, id).dir);
    const now = Date.now();
    const meta: SandboxMeta = {
      ...owner,
      id,
      template: templateDir ? path.basename(path.dirname(templateDir)) : "",
      createdAt: now,
      expiresAt: now + (options.timeoutMs ?? SANDBOX_TIMEOUT_MS),
    };
    try {
      const quota = runtime.diskEnforcement === "kernel" ? { bytes: runtime.limits.diskBytes, entries: runtime.limits.diskEntries } : null;
      await createWorkspace(runtime.root, meta, templateDir, quota);
    } catch (error) {
      await destroySandbox(runtime.root, id, owner).catch((cleanup: Error) => console.error(`[sandbox] ${cleanup.message}`));
      throw error;
    }
    return this.open(runtime, meta);
  }

  private async open(runtime: LocalRuntime, meta: SandboxMeta): Promise<LocalSandbox> {
    const app = await realpath(sandboxPaths(runtime.root, meta.id).app);
    const files = new WorkspaceFiles(app, meta, runtime.limits.diskEntries);
    const sandbox = new LocalSandbox(runtime, meta, files, app, (id) => this.live.delete(id));
    this.live.set(meta.id, sandbox);
    return sandbox;
  }

  private async preflight(): Promise<LocalRuntime> {
    const bwrapPath = findBwrap();
    // Runtime data outside the app: the ignore keeps Next's output tracing from pulling in the whole project.
    const rootDir = path.resolve(/*turbopackIgnore: true*/ this.options.root ?? path.join(os.tmpdir(), "ollio-sandboxes"));
    const root = await prepareWorkspaceRoot(rootDir, this.options.uidClaimsDir);
    const mounts =
      this.options.mountWorkspaces === false
        ? { enforcement: "sampled" as const, reason: "mountWorkspaces is off" }
        : await probeWorkspaceMounts(root.root);
    if (mounts.enforcement === "sampled" && this.options.mountWorkspaces !== false) {
      console.warn(`[sandbox] workspaces cannot be mounted with a size limit (${mounts.reason}): their disk quota is sampled every 100 ms instead, and parallel writers can overshoot it between samples (docs/sandbox.md).`);
    }
    const runtime: LocalRuntime = {
      root,
      diskEnforcement: mounts.enforcement,
      bwrapPath,
      systemArgs: hostSystemArgs(),
      shell: sandboxShell(),
      limits: { ...DEFAULT_COMMAND_LIMITS, ...this.options.limits },
      pageCheckLimits: { ...pageCheckLimits({ ...DEFAULT_COMMAND_LIMITS, ...this.options.limits }), ...this.options.pageCheckLimits },
    };
    await this.smokeTest(runtime);

    const reap = () => void this.reap(root);
    reap();
    this.reaper = setInterval(reap, REAP_INTERVAL_MS);
    this.reaper.unref();
    return runtime;
  }

  /**
   * One reaper pass. A sandbox that keeps failing to be removed is logged on every pass with its
   * count, so a disk slowly filling with leftovers shows up in the logs, not only on the disk.
   */
  private async reap(root: LocalRuntime["root"]) {
    const failures = await reapExpiredSandboxes(root, (id) => this.live.has(id)).catch((error: Error) => {
      console.error(`[sandbox] reaper pass failed: ${error.message}`);
      return [];
    });
    const failing = new Map<string, number>();
    for (const { id, error } of failures) {
      const count = (this.reapFailures.get(id) ?? 0) + 1;
      failing.set(id, count);
      console.error(`[sandbox] reaper could not remove sandbox ${id} (failed ${count} time${count === 1 ? "" : "s"}): ${error}`);
    }
    this.reapFailures = failing;
  }

  /** A throw-away sandbox that must run prlimit and the shell: proves namespaces and binds work. */
  private async smokeTest(runtime: LocalRuntime) {
    const sandbox = await this.createFrom(runtime, null, { timeoutMs: 60_000 });
    const result = await sandbox.commands
      .run("prlimit --nofile >/dev/null && test -w . && echo ok", { timeoutMs: 10_000 })
      .catch((error: Error) => ({ exitCode: -1, stdout: "", stderr: error.message }));
    await sandbox.kill();
    if (result.exitCode !== 0 || result.stdout.trim() !== "ok") {
      throw smokeTestFailure(`exit ${result.exitCode}: ${result.stderr || result.stdout}`);
    }
  }
}
