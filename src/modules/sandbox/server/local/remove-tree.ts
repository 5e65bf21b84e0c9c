import { execFile } from "node:child_process";
import { lstat } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Deletes a directory tree a sandbox had write access to, whatever it did to it.
 *
 * Node's `fs.rm({ recursive })` builds full paths and fails with ENAMETOOLONG past PATH_MAX, so a
 * 5,000-deep chain made it undeletable. GNU `rm -rf` walks with directory descriptors (fts), so
 * depth does not matter, and never follows symlinks; `--one-file-system` keeps it off anything
 * mounted below. As root it removes `chmod 000` directories and read-only files regardless; as an
 * ordinary user those directories must be made ours again first (`chmod -R`, also fts-based, and
 * it does not follow symlinks either). Resolves only once the directory is really gone.
 */
export async function removeTree(dir: string): Promise<void> {
  if (!(await exists(dir))) return;
  const attempt = await rmRf(dir);
  if (attempt && (await exists(dir))) {
    await run("chmod", ["-R", "u+rwx", "--", dir]).catch(() => {});
    const retry = await rmRf(dir);
    if (retry && (await exists(dir))) throw new Error(`could not remove ${dir}: ${retry}`);
  }
  if (await exists(dir)) throw new Error(`could not remove ${dir}: it is still there`);
}

/** The error text of `rm -rf`, or null when it succeeded. */
async function rmRf(dir: string): Promise<string | null> {
  try {
    await run("rm", ["-rf", "--one-file-system", "--", dir], { maxBuffer: 1024 * 1024 });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return (stderr || (error as Error).message).split("\n").slice(0, 3).join("; ");
  }
}

async function exists(dir: string): Promise<boolean> {
  return lstat(dir).then(
    () => true,
    () => false,
  );
}
