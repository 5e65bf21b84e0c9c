import { SandboxError } from "./port";

/**
 * File confinement shared by every adapter: what a path given to `files.*` may look like, and how
 * much the file API may write. These checks are lexical; the local adapter additionally resolves
 * symlinks inside the workspace (local/workspace-paths.ts) because it touches the host's disk.
 */

/** The sandbox's app directory: the same path locally (bind mount) and on E2B. */
export const APP_DIR = "/home/user/app";

/** Largest file the file API writes or reads. */
export const MAX_FILE_BYTES = 512 * 1024;
/** Most regular files the app directory may hold for the file API to create another one. */
export const MAX_FILES = 200;
/** Total bytes of regular files the app directory may hold after a file API write. */
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
/** Longest relative path accepted (bytes), and longest single name (Linux NAME_MAX). */
export const MAX_PATH_BYTES = 1024;
const MAX_NAME_BYTES = 255;

/**
 * Checks a path given by the agent and returns it normalised: "a/./b//c" → "a/b/c".
 * Refused with "path-escape": absolute paths, `..`, backslashes, NUL and other control bytes.
 * `""` and `"."` mean the app directory itself and are allowed only when `allowRoot` is set.
 */
export function normalizeSandboxPath(input: string, { allowRoot = false } = {}): string {
  const escape = (why: string) =>
    new SandboxError(
      `Path "${printable(input)}" is not allowed: ${why}. Use a path relative to the app directory (${APP_DIR}), like "index.html" or "src/app.js".`,
      "path-escape",
    );

  if (typeof input !== "string") throw escape("it is not a string");
  // Control bytes (NUL first of all) would be cut or misread by the OS and by the shell.
  if (/[\u0000-\u001f\u007f]/.test(input)) throw escape("it contains a NUL or control character");
  if (input.includes("\\")) throw escape("it contains a backslash");
  if (input.startsWith("/") || input.startsWith("~")) throw escape("it is absolute");
  if (Buffer.byteLength(input) > MAX_PATH_BYTES) throw escape(`it is longer than ${MAX_PATH_BYTES} bytes`);

  const segments = input.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) throw escape('it contains ".."');
  if (segments.some((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES)) {
    throw escape(`a name in it is longer than ${MAX_NAME_BYTES} bytes`);
  }
  if (segments.length === 0 && !allowRoot) throw escape("it names the app directory itself, not a file");
  return segments.join("/");
}

/** `rel` as an absolute path inside the sandbox's own file system. */
export function sandboxAbsolutePath(rel: string): string {
  return rel === "" ? APP_DIR : `${APP_DIR}/${rel}`;
}

export function assertFileSize(path: string, bytes: number): void {
  if (bytes > MAX_FILE_BYTES) {
    throw new SandboxError(
      `File "${path}" is ${formatBytes(bytes)}; the limit is ${formatBytes(MAX_FILE_BYTES)} per file. Split it into smaller files.`,
      "too-large",
    );
  }
}

/** What the app directory holds now, measured by the adapter before a write. */
export type AppDirUsage = { files: number; totalBytes: number };

/**
 * Refuses a write of `newBytes` to `path` when it would create file number MAX_FILES + 1 or push
 * the directory past MAX_TOTAL_BYTES. `replacedBytes` is the size of the file being overwritten,
 * or null when the write creates it.
 */
export function assertWriteBudget(path: string, usage: AppDirUsage, newBytes: number, replacedBytes: number | null) {
  assertFileSize(path, newBytes);
  if (replacedBytes === null && usage.files >= MAX_FILES) {
    throw new SandboxError(
      `Cannot create "${path}": the app directory already holds ${usage.files} files and the limit is ${MAX_FILES}. Delete or merge files first.`,
      "too-many-files",
    );
  }
  const total = usage.totalBytes - (replacedBytes ?? 0) + newBytes;
  if (total > MAX_TOTAL_BYTES) {
    throw new SandboxError(
      `Cannot write "${path}": the app directory would hold ${formatBytes(total)}, over its quota of ${formatBytes(MAX_TOTAL_BYTES)}.`,
      "quota",
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function printable(input: unknown): string {
  return String(input)
    .slice(0, 200)
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
