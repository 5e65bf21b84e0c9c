import { lstat, mkdir, readlink } from "node:fs/promises";
import path from "node:path";
import { APP_DIR } from "../paths";
import { SandboxError } from "../port";

const MAX_LINK_HOPS = 40; // the kernel's own limit for one path

export type Resolved = { path: string; exists: boolean };

/**
 * Resolves a normalised relative path inside the workspace `root` the way the sandbox sees it,
 * following symlinks without ever looking outside `root`.
 *
 * Why not realpath(): the host is not the sandbox. An absolute link target ("/etc") means the
 * sandbox's /etc but would resolve to the host's, and realpath() on a link out would still stat
 * host paths (telling existing from missing ones). Here a target under /home/user/app is mapped
 * back into the workspace, any other absolute target or a `..` climbing above the workspace is
 * refused, and only paths under `root` are ever touched.
 *
 * Callers hold the sandbox's lock: no sandbox process runs while they do (all die with the
 * command's pid namespace), so nothing can swap a component between this check and the use.
 */
export async function resolveInside(
  root: string,
  rel: string,
  { createDirs }: { createDirs?: (dir: string) => Promise<void> } = {},
): Promise<Resolved> {
  const pending = rel === "" ? [] : rel.split("/");
  const resolved: string[] = [];
  let hops = 0;

  while (pending.length > 0) {
    const segment = pending.shift()!;
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (resolved.length === 0) throw escape(rel, "a symlink in it climbs above the app directory");
      resolved.pop();
      continue;
    }
    const candidate = path.join(root, ...resolved, segment);
    const info = await lstat(candidate).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    const last = pending.length === 0;

    if (!info) {
      if (last) return { path: candidate, exists: false };
      if (!createDirs) return { path: path.join(candidate, ...pending), exists: false };
      await mkdir(candidate, { mode: 0o755 });
      await createDirs(candidate);
      resolved.push(segment);
      continue;
    }
    if (info.isSymbolicLink()) {
      if (++hops > MAX_LINK_HOPS) throw escape(rel, "it goes through too many symlinks");
      const target = await readlink(candidate);
      if (target === APP_DIR || target.startsWith(`${APP_DIR}/`)) {
        resolved.length = 0;
        pending.unshift(...target.slice(APP_DIR.length).split("/"));
      } else if (path.isAbsolute(target)) {
        throw escape(rel, `"${segment}" is a symlink to ${target}, outside the app directory`);
      } else {
        pending.unshift(...target.split("/"));
      }
      continue;
    }
    if (!last && !info.isDirectory()) {
      throw new SandboxError(`"${rel}": "${segment}" is a file, not a directory.`, "not-found");
    }
    resolved.push(segment);
  }
  return { path: path.join(root, ...resolved), exists: true };
}

function escape(rel: string, why: string) {
  return new SandboxError(`Path "${rel}" is not allowed: ${why}.`, "path-escape");
}
