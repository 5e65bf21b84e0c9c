import type { Sandbox } from "@/modules/sandbox/server/port";
import { GenerationError } from "./agent/errors";

/** Everything a fragment may hold: enough for any hand-written static UI, small enough for a JSON column. */
export const FRAGMENT_MAX_BYTES = 2 * 1024 * 1024;
const IGNORED_DIRS = new Set(["node_modules", ".git", ".cache"]);

export type ProjectFiles = Record<string, string>;

/**
 * Makes a fresh sandbox's app directory hold exactly a previous version's files, so a follow-up
 * edits them: starter files from the template that the version does not have are removed.
 */
export async function restoreProjectFiles(sandbox: Sandbox, files: ProjectFiles): Promise<void> {
  const extras = (await sandbox.files.list()).filter((e) => e.type === "file" && !(e.path in files)).map((e) => e.path);
  if (extras.length > 0) {
    const result = await sandbox.commands.run(`rm -f -- ${extras.map(shellQuote).join(" ")}`);
    if (result.exitCode !== 0) throw new Error(`Could not clear the sandbox's starter files: ${result.stderr}`);
  }
  for (const [path, content] of Object.entries(files)) await sandbox.files.write(path, content);
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Reads the app directory back as { path: content }, sorted by path. Dependency and VCS folders
 * and binary files are left out: a fragment is the hand-written source the preview serves.
 */
export async function collectAppFiles(sandbox: Sandbox): Promise<ProjectFiles> {
  const entries = (await sandbox.files.list())
    .filter((e) => e.type === "file" && !e.path.split("/").some((segment) => IGNORED_DIRS.has(segment)))
    .sort((a, b) => a.path.localeCompare(b.path));
  const files: ProjectFiles = {};
  let total = 0;
  for (const entry of entries) {
    const content = await sandbox.files.read(entry.path);
    if (content.includes("\u0000")) continue;
    total += Buffer.byteLength(content);
    if (total > FRAGMENT_MAX_BYTES) {
      throw new GenerationError(`The generated app is larger than ${FRAGMENT_MAX_BYTES / 1024 / 1024} MB of source files.`, false);
    }
    files[entry.path] = content;
  }
  return files;
}
