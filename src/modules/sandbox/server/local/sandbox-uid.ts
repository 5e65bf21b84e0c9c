import { lstat, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { HOST_STATE_DIR, hostStateSubdir } from "@/lib/host-state-dir";
import { SandboxError } from "../port";

/**
 * The host uid a sandbox's processes run as.
 *
 * When Ollio runs as root, every sandbox gets its own uid from a high range that no account uses
 * (no passwd entry needed): bwrap is spawned with it, so nothing in the sandbox ever runs as host
 * root, the workspace belongs to it alone, and if the namespaces were ever escaped the process
 * would own nothing on the host. When Ollio is not root it cannot switch uids, so every sandbox
 * runs as Ollio's own user (see docs/sandbox.md for what that weakens).
 *
 * Claims live in one host-wide directory, not under SANDBOX_ROOT: two Ollio instances on one host
 * (different checkouts or SANDBOX_ROOTs) must never hand out the same uid. A claim file holds the
 * sandbox directory it belongs to, so any instance can tell when it is orphaned.
 */
export const SANDBOX_UID_BASE = 200_000;
export const SANDBOX_UID_COUNT = 100_000;
export const HOST_UID_CLAIMS_DIR = path.join(HOST_STATE_DIR, "sandbox-uids");

export type SandboxUid = { uid: number; gid: number; /** a uid of its own, claimed host-wide */ dedicated: boolean };

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Creates the claims directory (root only, 0700) and refuses one that is a link or not ours. */
export async function prepareUidClaimsDir(dir: string): Promise<void> {
  if (!runningAsRoot()) return;
  if (dir === HOST_UID_CLAIMS_DIR) await hostStateSubdir("sandbox-uids", 0o700);
  else await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o077) !== 0) {
    throw new SandboxError(`The sandbox uid directory ${dir} must be a directory owned by root with mode 0700.`, "unavailable");
  }
}

let nextOffset = 0;

/** Claims a free uid by creating <claimsDir>/<uid> exclusively, which is atomic across processes. */
export async function claimSandboxUid(claimsDir: string, sandboxDir: string): Promise<SandboxUid> {
  if (!runningAsRoot()) {
    return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, dedicated: false };
  }
  for (let tried = 0; tried < SANDBOX_UID_COUNT; tried++) {
    const offset = (nextOffset + tried) % SANDBOX_UID_COUNT;
    const uid = SANDBOX_UID_BASE + offset;
    try {
      await writeFile(path.join(claimsDir, String(uid)), sandboxDir, { flag: "wx", mode: 0o600 });
      nextOffset = offset + 1;
      return { uid, gid: uid, dedicated: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new SandboxError(`All ${SANDBOX_UID_COUNT} sandbox uids are in use.`, "unavailable");
}

export async function releaseSandboxUid(claimsDir: string, owner: SandboxUid, sandboxDir: string): Promise<void> {
  if (!owner.dedicated) return;
  const claim = path.join(claimsDir, String(owner.uid));
  // Only our own claim: the uid may already have been released and handed to another sandbox.
  if ((await readFile(claim, "utf8").catch(() => null)) === sandboxDir) await rm(claim, { force: true });
}
