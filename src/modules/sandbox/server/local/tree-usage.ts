import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

export type TreeUsage = {
  /** Regular files and their summed sizes. */
  files: number;
  bytes: number;
  /** Every entry below the directory: files, directories, links, anything. */
  entries: number;
  /** True when the walk stopped early because a bound was passed, or the tree cannot be measured. */
  exceeded: boolean;
  /** A path the walk could not read (deeper than PATH_MAX, unreadable): the tree's size is unknown. */
  unmeasurable: string | null;
};

/**
 * Sizes a directory tree without following symlinks (a link pointing out must not count, nor be
 * walked). With bounds, it stops as soon as one is passed: a monitor polling a huge tree only
 * needs to know it is over quota. Entries that vanish during the walk are skipped; anything else
 * the walk cannot read fails closed — counted as over quota — because a sandbox can make it so
 * on purpose: a chain of directories deeper than PATH_MAX (readdir answers ENAMETOOLONG) or a
 * `chmod 000` directory (EACCES when Ollio is not root) used to be skipped as empty, hiding
 * whatever they held from the quota.
 */
export async function measureTree(dir: string, bounds?: { bytes: number; entries: number }): Promise<TreeUsage> {
  const usage: TreeUsage = { files: 0, bytes: 0, entries: 0, exceeded: false, unmeasurable: null };
  const unmeasurable = (where: string) => ({ ...usage, exceeded: true, unmeasurable: where });
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let names: string[];
    try {
      names = await readdir(current);
    } catch (error) {
      if (vanished(error)) continue;
      return unmeasurable(current);
    }
    for (const name of names) {
      const full = path.join(current, name);
      let info;
      try {
        info = await lstat(full);
      } catch (error) {
        if (vanished(error)) continue;
        return unmeasurable(full);
      }
      usage.entries++;
      if (info.isDirectory()) pending.push(full);
      else if (info.isFile()) {
        usage.files++;
        usage.bytes += info.size;
      }
      if (bounds && (usage.bytes > bounds.bytes || usage.entries > bounds.entries)) {
        usage.exceeded = true;
        return usage;
      }
    }
  }
  return usage;
}

// ENOTDIR: a directory replaced by a file between readdir and the walk reaching it.
function vanished(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}
