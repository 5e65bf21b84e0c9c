import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

export type TreeUsage = {
  /** Regular files and their summed sizes. */
  files: number;
  bytes: number;
  /** Every entry below the directory: files, directories, links, anything. */
  entries: number;
  /** True when the walk stopped early because a bound was passed. */
  exceeded: boolean;
};

/**
 * Sizes a directory tree without following symlinks (a link pointing out must not count, nor be
 * walked). With bounds, it stops as soon as one is passed: a monitor polling a huge tree only
 * needs to know it is over quota. Entries that vanish during the walk are skipped.
 */
export async function measureTree(dir: string, bounds?: { bytes: number; entries: number }): Promise<TreeUsage> {
  const usage: TreeUsage = { files: 0, bytes: 0, entries: 0, exceeded: false };
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const names = await readdir(current).catch(() => [] as string[]);
    for (const name of names) {
      const full = path.join(current, name);
      const info = await lstat(full).catch(() => null);
      if (!info) continue;
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
