import { strToU8, zipSync, type Zippable } from "fflate";

/** A version's files as one .zip archive (fflate: deflated, UTF-8 names, the given timestamp). */
export function zipFiles(files: Record<string, string>, date = new Date()): Uint8Array<ArrayBuffer> {
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(files)) entries[path.replace(/^\/+/, "")] = [strToU8(content), { mtime: date }];
  // zipSync allocates a fresh ArrayBuffer for the archive; the cast only says so to TypeScript.
  return zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>;
}
