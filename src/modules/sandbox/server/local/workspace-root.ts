import { chmod, lstat, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { SandboxError } from "../port";
import { GENERATED_ETC_FILES, SANDBOX_USER } from "./bwrap-args";
import { HOST_UID_CLAIMS_DIR, prepareUidClaimsDir } from "./sandbox-uid";

/**
 * The directory every local sandbox lives under (SANDBOX_ROOT):
 *   sandboxes/<id>/meta.json   owned by the app, 0600: uid, expiry (the sandbox cannot touch it)
 *   sandboxes/<id>/app/        the workspace, owned by the sandbox's uid, 0700
 *   etc/                       passwd, group, hosts, nsswitch.conf shown read-only inside
 * Directories a sandbox's uid must cross to reach its workspace are 0711: enterable, not listable.
 * Claims on host uids are kept host-wide in `uidsDir` (see sandbox-uid.ts), outside the root.
 */
export type WorkspaceRoot = { root: string; sandboxesDir: string; uidsDir: string; etcDir: string };

export async function prepareWorkspaceRoot(root: string, uidsDir = HOST_UID_CLAIMS_DIR): Promise<WorkspaceRoot> {
  const layout = { root, sandboxesDir: path.join(root, "sandboxes"), uidsDir, etcDir: path.join(root, "etc") };
  await mkdir(root, { recursive: true });
  await assertOwnedDirectory(root);
  await chmod(root, 0o711);
  await mkdir(layout.sandboxesDir, { recursive: true, mode: 0o711 });
  await chmod(layout.sandboxesDir, 0o711);
  await prepareUidClaimsDir(uidsDir);
  await mkdir(layout.etcDir, { recursive: true, mode: 0o755 });
  await chmod(layout.etcDir, 0o755);
  const files = generatedEtcFiles();
  await Promise.all(GENERATED_ETC_FILES.map((name) => writeIfChanged(path.join(layout.etcDir, name), files[name] ?? "")));
  return layout;
}

// Other processes may be starting sandboxes that bind these files: replace them atomically, and
// only when their content changes.
async function writeIfChanged(file: string, content: string) {
  if ((await readFile(file, "utf8").catch(() => null)) === content) return;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await chmod(temp, 0o644); // readable by the sandbox uids whatever the umask
  await rename(temp, file);
}

// The root may sit in a shared directory like /tmp: refuse one planted by another user or a link.
async function assertOwnedDirectory(dir: string) {
  const info = await lstat(dir);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) {
    throw new SandboxError(
      `SANDBOX_ROOT ${dir} must be a directory owned by the user running Ollio (uid ${uid}), not a symlink or another user's directory.`,
      "unavailable",
    );
  }
}

function generatedEtcFiles(): Record<string, string> {
  const { name, uid, gid, home } = SANDBOX_USER;
  return {
    passwd: `root:x:0:0:root:/root:/usr/sbin/nologin\n${name}:x:${uid}:${gid}::${home}:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    group: `root:x:0:\n${name}:x:${gid}:\nnogroup:x:65534:\n`,
    hosts: "127.0.0.1 localhost sandbox\n::1 localhost ip6-localhost ip6-loopback\n",
    // Names resolve from /etc/hosts only: there is no network, so no DNS to wait for.
    "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
  };
}
