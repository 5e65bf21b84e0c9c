import { randomBytes } from "node:crypto";
import { chmod, cp, lchown, mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { SandboxError } from "../port";
import { removeTree } from "./remove-tree";
import { releaseSandboxUid, type SandboxUid } from "./sandbox-uid";
import { mountWorkspace, unmountWorkspace, type WorkspaceQuota } from "./workspace-mount";
import type { WorkspaceRoot } from "./workspace-root";

/** What the host keeps about a sandbox, outside its workspace where the sandbox cannot write. */
export type SandboxMeta = SandboxUid & {
  id: string;
  template: string;
  createdAt: number;
  expiresAt: number;
};

const ID_PATTERN = /^lsb_[a-z0-9]{20}$/;
const TEMPLATE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function newSandboxId(): string {
  // 20 base-36 characters ≈ 103 bits: unguessable, and safe as a directory name.
  const bytes = randomBytes(20);
  return `lsb_${Array.from(bytes, (b) => (b % 36).toString(36)).join("")}`;
}

export function isSandboxId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function sandboxPaths(root: WorkspaceRoot, id: string) {
  const dir = path.join(root.sandboxesDir, id);
  return { dir, app: path.join(dir, "app"), meta: path.join(dir, "meta.json") };
}

/** The template's starter files: sandbox-templates/<template>/app/. */
export async function templateAppDir(templatesDir: string, template: string): Promise<string> {
  if (!TEMPLATE_PATTERN.test(template)) {
    throw new SandboxError(`Sandbox template name "${template}" is not valid (lower-case letters, digits, - and _).`, "not-found");
  }
  const dir = path.join(templatesDir, template, "app");
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new SandboxError(`Sandbox template "${template}" not found: ${dir} does not exist.`, "not-found");
  }
  return dir;
}

/**
 * Creates the sandbox's directory, its metadata and its workspace seeded from the template (or
 * empty). With `mountQuota` (see workspace-mount.ts) the workspace is a tmpfs of that size,
 * mounted after the metadata is written: whatever crashes later, destroySandbox finds the mount
 * (by device, not by metadata) and unmounts it.
 */
export async function createWorkspace(
  root: WorkspaceRoot,
  meta: SandboxMeta,
  templateDir: string | null,
  mountQuota: WorkspaceQuota | null = null,
): Promise<void> {
  const paths = sandboxPaths(root, meta.id);
  await mkdir(paths.dir, { mode: 0o711 });
  await chmod(paths.dir, 0o711); // the umask may have narrowed it
  await writeMeta(root, meta);
  await mkdir(paths.app, { mode: 0o700 });
  if (mountQuota) await mountWorkspace(paths.app, mountQuota, meta);
  // Into the directory (or mount), merging: the template's files count against the quota too.
  if (templateDir) await cp(templateDir, paths.app, { recursive: true });
  await chmod(paths.app, 0o700);
  if (meta.dedicated) await chownTree(paths.app, meta.uid, meta.gid);
}

export async function writeMeta(root: WorkspaceRoot, meta: SandboxMeta): Promise<void> {
  const file = sandboxPaths(root, meta.id).meta;
  // Write-then-rename so a concurrent reader never sees half a file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(temp, JSON.stringify(meta), { mode: 0o600 });
  await rename(temp, file);
}

export async function readMeta(root: WorkspaceRoot, id: string): Promise<SandboxMeta | null> {
  if (!isSandboxId(id)) return null;
  const text = await readFile(/*turbopackIgnore: true*/ sandboxPaths(root, id).meta, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text) as SandboxMeta;
  } catch {
    return null;
  }
}

export async function listSandboxIds(root: WorkspaceRoot): Promise<string[]> {
  const names = await readdir(root.sandboxesDir).catch(() => [] as string[]);
  return names.filter(isSandboxId);
}

/**
 * Deletes a sandbox for good, in an order that never loses track of it: first the workspace
 * (unmounted if it is a mount, then whatever its commands did to it — see removeTree), then the
 * uid claim, then the metadata and the directory. If the workspace cannot be removed this throws with the claim and metadata still
 * in place, so the uid is not handed out over leftover files and the reaper tries again.
 * `meta` null: a sandbox whose metadata was never written (a create that failed half-way).
 */
export async function destroySandbox(root: WorkspaceRoot, id: string, meta: SandboxUid | null): Promise<void> {
  const { dir, app } = sandboxPaths(root, id);
  // Before removeTree: its `rm --one-file-system` would refuse to enter a still-mounted workspace.
  await unmountWorkspace(app);
  await removeTree(app);
  if (meta) await releaseSandboxUid(root.uidsDir, meta, dir);
  await removeTree(dir);
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await lchown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid, gid);
    else await lchown(full, uid, gid);
  }
}
