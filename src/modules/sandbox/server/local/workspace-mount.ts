import { execFile } from "node:child_process";
import { lstat, mkdir, rmdir, statfs } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { SandboxUid } from "./sandbox-uid";
import { runningAsRoot } from "./sandbox-uid";

const run = promisify(execFile);

/**
 * How a workspace's quota is held:
 * - `kernel`: the workspace is a tmpfs of its own, mounted with `size=` and `nr_inodes=` — a
 *   write past the quota fails with ENOSPC at once, however many writers race. Needs root (or
 *   CAP_SYS_ADMIN) on the host, which Ollio has in its container and in CI.
 * - `sampled`: without that, the host measures the tree every 100 ms and stops the command
 *   past the quota; RLIMIT_FSIZE bounds each file. Parallel writers overshoot between samples.
 */
export type DiskEnforcement = "kernel" | "sampled";

export type WorkspaceQuota = { bytes: number; entries: number };

/**
 * Tries a mount the way workspaces are mounted (root only; a root without CAP_SYS_ADMIN, in a
 * restricted container, fails here). Returns why not when it cannot, for the start-up log.
 */
export async function probeWorkspaceMounts(scratchDir: string): Promise<{ enforcement: DiskEnforcement; reason?: string }> {
  if (!runningAsRoot()) return { enforcement: "sampled", reason: "Ollio is not running as root" };
  const probe = path.join(scratchDir, `mount-probe-${process.pid}`);
  await mkdir(probe, { recursive: true, mode: 0o700 });
  try {
    await mountTmpfs(probe, { bytes: 1024 * 1024, entries: 16 }, { uid: 0, gid: 0 });
    await unmountWorkspace(probe);
    return { enforcement: "kernel" };
  } catch (error) {
    return { enforcement: "sampled", reason: commandError(error) };
  } finally {
    await unmountWorkspace(probe).catch(() => {});
    await rmdir(probe).catch(() => {});
  }
}

/**
 * Mounts the workspace's own tmpfs on `app` (an empty directory), owned by the sandbox's uid,
 * mode 0700. nr_inodes counts the root directory too, hence `entries + 1`. nosuid and nodev:
 * nothing in a workspace may become a setuid program or a device. Memory-backed: the workspace
 * holds at most `bytes` of RAM (or swap), and only what is really written.
 */
export async function mountWorkspace(app: string, quota: WorkspaceQuota, owner: SandboxUid): Promise<void> {
  await mountTmpfs(app, quota, owner);
}

async function mountTmpfs(dir: string, quota: WorkspaceQuota, owner: Pick<SandboxUid, "uid" | "gid">) {
  const options = [`size=${quota.bytes}`, `nr_inodes=${quota.entries + 1}`, "mode=0700", `uid=${owner.uid}`, `gid=${owner.gid}`, "nosuid", "nodev"];
  await run("mount", ["-t", "tmpfs", "-o", options.join(","), "ollio-workspace", dir]);
}

/**
 * Unmounts whatever is mounted on `app` (nothing: a sampled workspace, or a create that crashed
 * before mounting). A mount still busy (a host process holding a file in it) is detached lazily:
 * it leaves the tree at once, and the kernel frees it once the last user lets go. Stacked mounts
 * (a retried create) are all removed. Throws if something is still mounted there.
 */
export async function unmountWorkspace(app: string): Promise<void> {
  for (let attempt = 0; attempt < 8 && (await isMountPoint(app)); attempt++) {
    try {
      await run("umount", ["--", app]);
    } catch {
      await run("umount", ["--lazy", "--", app]).catch(() => {});
    }
  }
  if (await isMountPoint(app)) throw new Error(`could not unmount the workspace ${app}`);
}

/** A directory on another device than its parent is a mount point (the tmpfs has its own device). */
export async function isMountPoint(dir: string): Promise<boolean> {
  const [self, parent] = await Promise.all([lstat(dir).catch(() => null), lstat(path.dirname(dir)).catch(() => null)]);
  return Boolean(self?.isDirectory() && parent && self.dev !== parent.dev);
}

export type MountedUsage = { bytes: number; entries: number; full: boolean };

/** Usage of a mounted workspace from statfs: exact, and one system call whatever the tree holds. */
export async function mountedUsage(app: string): Promise<MountedUsage> {
  const fs = await statfs(app);
  return {
    bytes: (fs.blocks - fs.bfree) * fs.bsize,
    entries: Math.max(0, fs.files - fs.ffree - 1),
    full: fs.bfree === 0 || fs.ffree === 0,
  };
}

function commandError(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return stderr || (error as Error).message;
}
