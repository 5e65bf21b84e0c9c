/**
 * What a production build depends on, as one hash: the paths, sizes and modification times of the
 * sources and configuration, plus the NEXT_PUBLIC_* values compiled into the client. `npm start`
 * rebuilds only when it differs from the hash stored with the last build.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["src", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

export function buildFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(path.join(root, input), hash);
  for (const [key, value] of Object.entries(process.env).sort()) {
    if (key.startsWith("NEXT_PUBLIC_")) hash.update(`${key}=${value}\n`);
  }
  return hash.digest("hex");
}

function walk(file: string, hash: ReturnType<typeof createHash>) {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return;
  if (info.isDirectory()) {
    for (const name of readdirSync(file).sort()) if (!SKIP.has(name)) walk(path.join(file, name), hash);
  } else {
    hash.update(`${file}:${info.size}:${info.mtimeMs}\n`);
  }
}

const FINGERPRINT_FILE = ".next/ollio-build-fingerprint";

export function lastBuildFingerprint(root: string): string | null {
  try {
    return readFileSync(path.join(root, FINGERPRINT_FILE), "utf8").trim();
  } catch {
    return null;
  }
}

export function recordBuildFingerprint(root: string, fingerprint: string) {
  writeFileSync(path.join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
}
