import { constants } from "node:fs";
import { chown, lstat, open, readdir, readlink, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { assertFileSize, assertWriteBudget, normalizeSandboxPath } from "../paths";
import { SandboxError, type SandboxFileEntry } from "../port";
import { resolveInside } from "./resolve-inside";
import type { SandboxUid } from "./sandbox-uid";
import { measureTree } from "./tree-usage";

// O_NOFOLLOW: never through a link swapped in at the last component. O_NONBLOCK: a FIFO planted
// by a command must not hang the host waiting for a peer (the file is then refused as not regular).
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * The host side of `sandbox.files`: reads and writes in a workspace the sandbox's commands also
 * write, so every path is confined (paths.ts lexically, resolve-inside.ts through symlinks, and a
 * last check of what the opened descriptor really is). Files the host creates are handed to the
 * sandbox's uid, as if the sandbox had written them.
 */
export class WorkspaceFiles {
  constructor(
    /** Real path (no symlinks) of the workspace on the host. */
    private readonly app: string,
    private readonly owner: SandboxUid,
    private readonly maxEntries: number,
  ) {}

  async read(input: string): Promise<string> {
    const rel = normalizeSandboxPath(input);
    const target = await resolveInside(this.app, rel);
    if (!target.exists) throw new SandboxError(`File "${rel}" does not exist.`, "not-found");
    const file = await this.openConfined(target.path, READ_FLAGS, rel);
    try {
      const info = await file.stat();
      if (!info.isFile()) throw new SandboxError(`"${rel}" is not a regular file.`, "not-found");
      assertFileSize(rel, info.size);
      return await file.readFile("utf8");
    } finally {
      await file.close();
    }
  }

  async write(input: string, content: string): Promise<void> {
    const rel = normalizeSandboxPath(input);
    const bytes = Buffer.from(content, "utf8");
    assertFileSize(rel, bytes.length);

    const existing = await resolveInside(this.app, rel);
    const replaced = existing.exists ? await lstat(existing.path) : null;
    if (replaced && !replaced.isFile()) throw new SandboxError(`"${rel}" exists and is not a regular file.`, "not-found");
    const usage = await measureTree(this.app);
    if (usage.unmeasurable) {
      throw new SandboxError(
        `Cannot write "${rel}": the app directory holds a directory too deep or unreadable to measure (${path.relative(this.app, usage.unmeasurable).slice(0, 120)}…). Remove it first.`,
        "quota",
      );
    }
    assertWriteBudget(rel, { files: usage.files, totalBytes: usage.bytes }, bytes.length, replaced?.size ?? null);

    try {
      const target = await resolveInside(this.app, rel, { createDirs: (dir) => this.giveToSandbox(dir) });
      // No O_TRUNC: truncate only once the descriptor is known to be inside the workspace.
      const file = await this.openConfined(target.path, WRITE_FLAGS, rel, 0o644);
      try {
        if (!(await file.stat()).isFile()) throw new SandboxError(`"${rel}" is not a regular file.`, "not-found");
        await file.truncate(0);
        await file.write(bytes, 0, bytes.length, 0);
        if (this.owner.dedicated) await file.chown(this.owner.uid, this.owner.gid);
      } finally {
        await file.close();
      }
    } catch (error) {
      // A workspace with a kernel-held quota that commands have filled (workspace-mount.ts).
      if ((error as NodeJS.ErrnoException).code === "ENOSPC") {
        throw new SandboxError(`Cannot write "${rel}": the app directory is full (no space or no entries left). Delete files first.`, "quota");
      }
      throw error;
    }
  }

  /** Files and directories under `dir`, paths relative to the app directory. Symlinks are left out. */
  async list(input = ""): Promise<SandboxFileEntry[]> {
    const rel = normalizeSandboxPath(input, { allowRoot: true });
    const base = await resolveInside(this.app, rel);
    const info = base.exists ? await lstat(base.path) : null;
    if (!info?.isDirectory()) throw new SandboxError(`Directory "${rel || "."}" does not exist.`, "not-found");

    const entries: SandboxFileEntry[] = [];
    const pending = [base.path];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      for (const name of await readdir(dir)) {
        const full = path.join(dir, name);
        const entry = await lstat(full).catch(() => null);
        if (!entry || entry.isSymbolicLink()) continue;
        const relPath = path.relative(this.app, full);
        if (entry.isDirectory()) {
          entries.push({ path: relPath, type: "dir", size: 0 });
          pending.push(full);
        } else if (entry.isFile()) {
          entries.push({ path: relPath, type: "file", size: entry.size });
        }
        if (entries.length > this.maxEntries) {
          throw new SandboxError(`"${rel || "."}" holds more than ${this.maxEntries} entries; list a smaller directory.`, "too-many-files");
        }
      }
    }
    return entries.sort((a, b) => a.path.localeCompare(b.path));
  }

  /** A command's working directory: must exist inside the workspace. Returns it normalised. */
  async directory(input: string | undefined): Promise<string> {
    if (input === undefined) return "";
    const rel = normalizeSandboxPath(input, { allowRoot: true });
    const target = await resolveInside(this.app, rel);
    const info = target.exists ? await lstat(target.path) : null;
    if (!info?.isDirectory()) throw new SandboxError(`Working directory "${rel}" does not exist.`, "not-found");
    return path.relative(this.app, target.path);
  }

  private async openConfined(hostPath: string, flags: number, rel: string, mode?: number): Promise<FileHandle> {
    let file: FileHandle;
    try {
      file = await open(hostPath, flags, mode);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ELOOP") throw new SandboxError(`Path "${rel}" is not allowed: it is a symlink.`, "path-escape");
      if (code === "ENXIO" || code === "EISDIR") throw new SandboxError(`"${rel}" is not a regular file.`, "not-found");
      throw error;
    }
    // Defence in depth for a workspace changed by another process: what was really opened?
    const opened = await readlink(`/proc/self/fd/${file.fd}`).catch(() => "");
    if (!opened.startsWith(`${this.app}/`)) {
      await file.close();
      throw new SandboxError(`Path "${rel}" is not allowed: it resolves outside the app directory.`, "path-escape");
    }
    return file;
  }

  private async giveToSandbox(dir: string) {
    if (this.owner.dedicated) await chown(dir, this.owner.uid, this.owner.gid);
  }
}
