import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { releaseSandboxUid } from "./sandbox-uid";
import { listSandboxIds, readMeta, removeWorkspace, sandboxPaths } from "./workspace";
import type { WorkspaceRoot } from "./workspace-root";

/** A sandbox directory without metadata this old is a create that crashed half-way. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Removes what no live handle will: sandboxes past their expiry (left by an earlier process, or
 * by this one if it never connected to them), half-created ones, and uid claims whose sandbox is
 * gone. Sandboxes open in this process expire through their own timers (`isLive` skips them).
 */
export async function reapExpiredSandboxes(root: WorkspaceRoot, isLive: (id: string) => boolean, now = Date.now()) {
  for (const id of await listSandboxIds(root)) {
    if (isLive(id)) continue;
    const meta = await readMeta(root, id);
    if (meta && meta.expiresAt > now) continue;
    if (!meta && !(await olderThan(sandboxPaths(root, id).dir, ABANDONED_AFTER_MS, now))) continue;
    await removeWorkspace(root, id).catch(() => {});
    if (meta) await releaseSandboxUid(root.uidsDir, meta, id).catch(() => {});
  }
  await releaseOrphanUidClaims(root, now);
}

async function releaseOrphanUidClaims(root: WorkspaceRoot, now: number) {
  const claims = await readdir(root.uidsDir).catch(() => [] as string[]);
  for (const claim of claims) {
    const file = path.join(root.uidsDir, claim);
    const id = await readFile(file, "utf8").catch(() => null);
    if (id === null) continue;
    const exists = await stat(sandboxPaths(root, id).dir).then(
      () => true,
      () => false,
    );
    // The claim is written just before the directory: give a create in progress time to finish.
    if (!exists && (await olderThan(file, ABANDONED_AFTER_MS, now))) await rm(file, { force: true });
  }
}

async function olderThan(file: string, ms: number, now: number): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return info !== null && now - info.mtimeMs > ms;
}
