import { CommandExitError, FileNotFoundError, FileType, SandboxNotFoundError, TimeoutError, type EntryInfo } from "@e2b/code-interpreter";
import type { E2bCommandHandle, E2bCreateOptions, E2bSandboxHandle, E2bSdk } from "@/modules/sandbox/server/e2b/e2b-sdk";

/**
 * Test double of the E2B SDK (E2B cannot be reached from the test machine): an in-memory file
 * system and scripted commands, throwing the SDK's own error classes where the SDK would.
 */
export type FakeCommand = { stdout?: string[]; stderr?: string[]; exitCode?: number; timesOut?: boolean };

type FakeEntry = { content: string; symlinkTarget?: string };

export class FakeE2bSandbox implements E2bSandboxHandle {
  readonly entries = new Map<string, FakeEntry>();
  readonly runs: { cmd: string; cwd?: string; timeoutMs?: number }[] = [];
  readonly writes: string[] = [];
  readonly reads: string[] = [];
  commandKills = 0;
  expired = false;
  timeoutMs: number | undefined;
  script: (cmd: string) => FakeCommand = () => ({});

  constructor(readonly sandboxId: string) {}

  readonly files = {
    write: async (path: string, data: string) => {
      this.alive();
      this.writes.push(path);
      this.entries.set(path, { content: data });
      return { name: path.split("/").pop()!, path, type: FileType.FILE };
    },
    read: async (path: string) => {
      this.alive();
      this.reads.push(path);
      const entry = this.entries.get(path);
      if (!entry) throw new FileNotFoundError(`file ${path} not found`);
      return entry.content;
    },
    getInfo: async (path: string): Promise<EntryInfo> => {
      this.alive();
      const entry = this.entries.get(path);
      if (!entry) throw new FileNotFoundError(`file ${path} not found`);
      return entryInfo(path, entry.symlinkTarget ? FileType.SYMLINK : FileType.FILE, entry.content.length, entry.symlinkTarget);
    },
    list: async (dir: string): Promise<EntryInfo[]> => {
      this.alive();
      const below = [...this.entries].filter(([path]) => path.startsWith(`${dir}/`));
      if (below.length === 0) throw new FileNotFoundError(`directory ${dir} not found`);
      const dirs = new Set<string>();
      for (const [path] of below) {
        for (let parent = path.slice(0, path.lastIndexOf("/")); parent.length > dir.length; parent = parent.slice(0, parent.lastIndexOf("/"))) {
          dirs.add(parent);
        }
      }
      return [
        ...[...dirs].map((path) => entryInfo(path, FileType.DIR, 4096)),
        ...below.map(([path, entry]) =>
          entryInfo(path, entry.symlinkTarget ? FileType.SYMLINK : FileType.FILE, entry.content.length, entry.symlinkTarget),
        ),
      ];
    },
  };

  readonly commands = {
    run: async (
      cmd: string,
      opts: { background: true; cwd?: string; timeoutMs?: number; onStdout?: (data: string) => void; onStderr?: (data: string) => void },
    ): Promise<E2bCommandHandle> => {
      this.alive();
      this.runs.push({ cmd, cwd: opts.cwd, timeoutMs: opts.timeoutMs });
      const command = this.script(cmd);
      let killed = false;
      return {
        kill: async () => {
          killed = true;
          this.commandKills++;
          return true;
        },
        wait: async () => {
          let stdout = "";
          let stderr = "";
          for (const chunk of command.stdout ?? []) {
            if (killed) break;
            stdout += chunk;
            opts.onStdout?.(chunk);
            await Promise.resolve(); // let a kill() issued from the callback land, as over the network
          }
          for (const chunk of command.stderr ?? []) {
            stderr += chunk;
            opts.onStderr?.(chunk);
          }
          if (killed) throw new CommandExitError({ exitCode: -1, stdout, stderr, error: "signal: killed" });
          if (command.timesOut) throw new TimeoutError("[deadline_exceeded] context deadline exceeded");
          const result = { exitCode: command.exitCode ?? 0, stdout, stderr };
          if (result.exitCode !== 0) throw new CommandExitError({ ...result, error: `exit status ${result.exitCode}` });
          return result;
        },
      };
    },
  };

  getHost(port: number): string {
    return `${port}-${this.sandboxId}.e2b.app`;
  }

  async setTimeout(timeoutMs: number): Promise<void> {
    this.alive();
    this.timeoutMs = timeoutMs;
  }

  async kill(): Promise<boolean> {
    this.alive();
    this.expired = true;
    return true;
  }

  private alive() {
    if (this.expired) throw new SandboxNotFoundError(`Sandbox ${this.sandboxId} not found`);
  }
}

export class FakeE2bSdk implements E2bSdk {
  readonly sandboxes = new Map<string, FakeE2bSandbox>();
  readonly creates: { template: string; opts: E2bCreateOptions }[] = [];

  async create(template: string, opts: E2bCreateOptions): Promise<FakeE2bSandbox> {
    this.creates.push({ template, opts });
    const sandbox = new FakeE2bSandbox(`fake${this.sandboxes.size + 1}`);
    for (const name of ["index.html", "styles.css", "script.js"]) sandbox.entries.set(`/home/user/app/${name}`, { content: `/* ${name} */` });
    this.sandboxes.set(sandbox.sandboxId, sandbox);
    return sandbox;
  }

  async connect(sandboxId: string): Promise<FakeE2bSandbox> {
    const sandbox = this.sandboxes.get(sandboxId);
    if (!sandbox || sandbox.expired) throw new SandboxNotFoundError(`Sandbox ${sandboxId} not found`);
    return sandbox;
  }
}

function entryInfo(path: string, type: FileType, size: number, symlinkTarget?: string): EntryInfo {
  return {
    name: path.split("/").pop()!,
    path,
    type,
    size,
    mode: 0o644,
    permissions: "rw-r--r--",
    owner: "user",
    group: "user",
    symlinkTarget,
  };
}
