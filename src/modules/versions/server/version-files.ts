import { AppError } from "@/lib/errors";
import { FRAGMENT_MAX_BYTES } from "@/modules/generation/server/sandbox-files";
import { assertFileSize, formatBytes, MAX_FILES, normalizeSandboxPath } from "@/modules/sandbox/server/paths";
import { SandboxError } from "@/modules/sandbox/server/port";

export type VersionFiles = Record<string, string>;

/**
 * A hand-edited set of files, checked by the same rules the agent's file tool follows
 * (sandbox/server/paths.ts: relative paths only, no `..`, no control bytes, per-file size, file
 * count) plus the total a version may hold. Returns the files keyed by normalised path; any
 * refusal is a BAD_REQUEST naming the file, and nothing is saved.
 */
export function validateVersionFiles(input: Record<string, unknown>): VersionFiles {
  const entries = Object.entries(input);
  if (entries.length === 0) throw new AppError("BAD_REQUEST", "A version needs at least one file.");
  if (entries.length > MAX_FILES) {
    throw new AppError("BAD_REQUEST", `A version may hold at most ${MAX_FILES} files; this one has ${entries.length}. Delete or merge files first.`);
  }
  const files: VersionFiles = {};
  let total = 0;
  for (const [rawPath, content] of entries) {
    if (typeof content !== "string") throw new AppError("BAD_REQUEST", `File "${rawPath.slice(0, 200)}" must be text.`);
    if (content.includes("\0")) throw new AppError("BAD_REQUEST", `File "${rawPath.slice(0, 200)}" contains a NUL character; only text files can be edited.`);
    const path = asAppError(() => normalizeSandboxPath(rawPath));
    if (path in files) throw new AppError("BAD_REQUEST", `Two files would be saved as "${path}". Give each file its own path.`);
    const bytes = Buffer.byteLength(content);
    asAppError(() => assertFileSize(path, bytes));
    total += bytes;
    if (total > FRAGMENT_MAX_BYTES) {
      throw new AppError("BAD_REQUEST", `These files add up to more than ${formatBytes(FRAGMENT_MAX_BYTES)}, the most a version may hold.`);
    }
    files[path] = content;
  }
  return files;
}

function asAppError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof SandboxError) throw new AppError("BAD_REQUEST", error.message);
    throw error;
  }
}

/** Same paths with the same contents. */
export function sameFiles(a: VersionFiles, b: VersionFiles): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
