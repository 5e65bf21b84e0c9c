import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { SandboxError } from "../port";

/**
 * The host uid a sandbox's processes run as.
 *
 * When Ollio runs as root, every sandbox gets its own uid from a high range that no account uses
 * (no passwd entry needed): bwrap is spawned with it, so nothing in the sandbox ever runs as host
 * root, the workspace belongs to it alone, and if the namespaces were ever escaped the process
 * would own nothing on the host. When Ollio is not root it cannot switch uids, so every sandbox
 * runs as Ollio's own user (see docs/sandbox.md for what that weakens).
 */
export const SANDBOX_UID_BASE = 200_000;
export const SANDBOX_UID_COUNT = 100_000;

export type SandboxUid = { uid: number; gid: number; /** a uid of its own, claimed under uids/ */ dedicated: boolean };

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

let nextOffset = 0;

/** Claims a free uid by creating uids/<uid> exclusively, which is atomic across processes. */
export async function claimSandboxUid(uidsDir: string, sandboxId: string): Promise<SandboxUid> {
  if (!runningAsRoot()) {
    return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, dedicated: false };
  }
  for (let tried = 0; tried < SANDBOX_UID_COUNT; tried++) {
    const offset = (nextOffset + tried) % SANDBOX_UID_COUNT;
    const uid = SANDBOX_UID_BASE + offset;
    try {
      await writeFile(path.join(uidsDir, String(uid)), sandboxId, { flag: "wx", mode: 0o600 });
      nextOffset = offset + 1;
      return { uid, gid: uid, dedicated: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new SandboxError(`All ${SANDBOX_UID_COUNT} sandbox uids are in use.`, "unavailable");
}

export async function releaseSandboxUid(uidsDir: string, owner: SandboxUid, sandboxId: string): Promise<void> {
  if (!owner.dedicated) return;
  const claim = path.join(uidsDir, String(owner.uid));
  // Only our own claim: the uid may already have been released and handed to another sandbox.
  const holder = await readFile(claim, "utf8").catch(() => null);
  if (holder === sandboxId) await rm(claim, { force: true });
}
