/**
 * First-load JS of app routes, from a `next build`'s manifests: the gzip size of every script a
 * route's HTML makes the browser load up front — the root main files (build-manifest.json) plus
 * the chunks of the route's layouts and page (the entryJSFiles of its client reference
 * manifest). Lazy chunks (next/dynamic, import()) are not counted: they load later.
 *
 * Run: npx tsx scripts/bench/first-load-js.ts [path/to/.next] [route ...]
 *      (default: this checkout's .next; routes /, /projects, /projects/[projectId])
 *      Target: `/` ≤ 160 KB gzip in local mode.
 * Prints a table and, with --grep=<text>, whether any of a route's chunks contains <text>.
 * --modules[=file]: what each route's chunks are made of, by package (or by file), from the
 * source maps of a build made with OLLIO_SOURCE_MAPS=1 (the maps add a comment line per chunk,
 * ~0.3 KB gzip on `/`: take the budget figures from a build without them).
 */
import path from "node:path";
import { firstLoadJs } from "./support/first-load-js";
import { moduleBreakdown } from "./support/module-breakdown";

const args = process.argv.slice(2);
const grep = args.find((a) => a.startsWith("--grep="))?.slice("--grep=".length);
const modules = args.find((a) => a.startsWith("--modules"));
const positional = args.filter((a) => !a.startsWith("--"));
const nextDir = path.resolve(positional[0] ?? ".next");
const routes = positional.length > 1 ? positional.slice(1) : ["/", "/projects", "/projects/[projectId]"];

console.log(`First-load JS (gzip) from ${nextDir}`);
for (const route of routes) {
  const result = await firstLoadJs(nextDir, route);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  let line = `${route.padEnd(26)} ${kb(result.gzipBytes).padStart(9)} gzip  ${kb(result.rawBytes).padStart(9)} raw  ${result.files.length} chunks`;
  if (grep) line += `  ${JSON.stringify(grep)}: ${result.filesContaining(grep).length ? "FOUND" : "absent"}`;
  console.log(line);
  if (modules) {
    for (const share of moduleBreakdown(nextDir, result.files, modules === "--modules=file" ? "file" : "package").slice(0, 40)) {
      if (share.gzipBytes >= 51.2) console.log(`    ${kb(share.gzipBytes).padStart(9)} gzip  ${kb(share.rawBytes).padStart(9)} raw  ${share.module}`);
    }
  }
}
