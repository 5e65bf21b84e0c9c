import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { destroySandbox, listSandboxIds, readMeta, sandboxPaths } from "./workspace";
import type { WorkspaceRoot } from "./workspace-root";

/** A sandbox directory without metadata this old is a create that crashed half-way. */
const ABANDONED_AFTER_MS = 60_000;

export type ReapFailure = { id: string; error: string };

/**
 * Removes what no live handle will: sandboxes past their expiry (left by an earlier process, or
 * by this one if it never connected to them, or whose removal failed before), half-created ones,
 * and uid claims whose sandbox is gone. Sandboxes open in this process expire through their own
 * timers (`isLive` skips them). Returns the sandboxes it could not remove, for the caller to log.
 */
export async function reapExpiredSandboxes(root: WorkspaceRoot, isLive: (id: string) => boolean, now = Date.now()) {
  const failures: ReapFailure[] = [];
  for (const id of await listSandboxIds(root)) {
    if (isLive(id)) continue;
    const meta = await readMeta(root, id);
    if (meta && meta.expiresAt > now) continue;
    if (!meta && !(await olderThan(sandboxPaths(root, id).dir, ABANDONED_AFTER_MS, now))) continue;
    await destroySandbox(root, id, meta).catch((error: Error) => failures.push({ id, error: error.message }));
  }
  await releaseOrphanUidClaims(root.uidsDir, now);
  return failures;
}

/**
 * Claims are host-wide and name the sandbox directory they were made for, which may belong to
 * another Ollio instance: a claim is orphaned once that directory is gone.
 */
async function releaseOrphanUidClaims(uidsDir: string, now: number) {
  const claims = await readdir(uidsDir).catch(() => [] as string[]);
  for (const claim of claims) {
    const file = path.join(uidsDir, claim);
    const sandboxDir = await readFile(file, "utf8").catch(() => null);
    if (sandboxDir === null || !path.isAbsolute(sandboxDir)) continue;
    const exists = await stat(sandboxDir).then(
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
