import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export type FirstLoad = {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** The chunks whose text contains `needle` (e.g. a library's marker string). */
  filesContaining: (needle: string) => string[];
};

/**
 * The scripts a route loads up front in a `next build` (see scripts/bench/first-load-js.ts):
 * build-manifest.json's rootMainFiles, plus the entryJSFiles of the route's layouts, its
 * error/not-found/loading boundaries and its page in the route's client reference manifest.
 * global-error is left out: Next loads it only after the root layout itself failed.
 * `route` is the app path as written in src/app, without route groups: "/", "/projects".
 */
export async function firstLoadJs(nextDir: string, route: string): Promise<FirstLoad> {
  const build = JSON.parse(await readFile(path.join(nextDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const appPaths = JSON.parse(await readFile(path.join(nextDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const entry = Object.entries(appPaths).find(([, r]) => r === route)?.[0];
  if (!entry) throw new Error(`No app route ${route} in ${nextDir} (known: ${Object.values(appPaths).join(", ")})`);

  const manifest = readClientReferenceManifest(nextDir, entry);
  const pageKey = `[project]/src/app${entry.replace(/\/page$/, "")}/page`;
  const pageDir = pageKey.slice(0, -"/page".length);
  const files = new Set(build.rootMainFiles);
  for (const [key, chunks] of Object.entries(manifest.entryJSFiles)) {
    const dir = key.slice(0, key.lastIndexOf("/"));
    const name = key.slice(key.lastIndexOf("/") + 1);
    const onPath = pageDir === dir || pageDir.startsWith(`${dir}/`);
    if (key === pageKey || (onPath && ["layout", "template", "error", "not-found", "loading"].includes(name))) {
      for (const chunk of chunks) files.add(chunk);
    }
  }

  const contents = [...files].map((file) => ({ file, text: readFileSync(path.join(nextDir, file)) }));
  return {
    files: [...files],
    rawBytes: contents.reduce((sum, c) => sum + c.text.length, 0),
    gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c.text, { level: 9 }).length, 0),
    filesContaining: (needle) => contents.filter((c) => c.text.includes(needle)).map((c) => c.file),
  };
}

/** The manifest is a script that assigns globalThis.__RSC_MANIFEST[entry]; run it in a sandbox. */
function readClientReferenceManifest(nextDir: string, entry: string): { entryJSFiles: Record<string, string[]> } {
  const file = path.join(nextDir, "server/app", `${entry}_client-reference-manifest.js`);
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifest = sandbox.globalThis.__RSC_MANIFEST?.[entry];
  if (!manifest) throw new Error(`${file} does not describe ${entry}`);
  return manifest;
}
