import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { decode } from "@jridgewell/sourcemap-codec";

type RawMap = { sources: string[]; mappings: string };
type IndexMap = { sections: { offset: { line: number; column: number }; map: RawMap }[] };

export type ModuleShare = { module: string; rawBytes: number; gzipBytes: number };

/**
 * Which sources a route's first-load chunks are made of, from the build's source maps
 * (`OLLIO_SOURCE_MAPS=1 next build` turns them on, see next.config.ts). Every byte of a chunk
 * goes to the source its mapping points at; a chunk's gzip size is shared out in proportion to
 * raw bytes (gzip has no per-source size). `by` = "package" groups node_modules by package and
 * our code by its top folders; "file" lists single files.
 */
export function moduleBreakdown(nextDir: string, files: string[], by: "package" | "file" = "package"): ModuleShare[] {
  const totals = new Map<string, ModuleShare>();
  const add = (module: string, rawBytes: number, gzipBytes: number) => {
    const entry = totals.get(module) ?? { module, rawBytes: 0, gzipBytes: 0 };
    entry.rawBytes += rawBytes;
    entry.gzipBytes += gzipBytes;
    totals.set(module, entry);
  };
  for (const file of files) {
    const chunkPath = path.join(nextDir, file);
    const text = readFileSync(chunkPath, "utf8");
    const gzip = gzipSync(text, { level: 9 }).length;
    const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
    const mapPath = mapName ? path.join(path.dirname(chunkPath), mapName) : null;
    if (!mapPath || !existsSync(mapPath)) throw new Error(`${file} has no source map: build with OLLIO_SOURCE_MAPS=1`);
    const perSource = bytesPerSource(text, JSON.parse(readFileSync(mapPath, "utf8")) as RawMap | IndexMap);
    for (const [source, bytes] of perSource) add(groupOf(source, by), bytes, (bytes / text.length) * gzip);
  }
  return [...totals.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** A segment's bytes run from its column to the next segment on the same line (or the line's end). */
function bytesPerSource(text: string, map: RawMap | IndexMap): Map<string, number> {
  const lines = text.split("\n");
  const sections = "sections" in map ? map.sections : [{ offset: { line: 0, column: 0 }, map }];
  const segments: { line: number; column: number; source: string }[] = [];
  for (const { offset, map: section } of sections) {
    decode(section.mappings).forEach((lineSegments, index) => {
      for (const segment of lineSegments) {
        const source = segment.length > 1 ? section.sources[segment[1]!]! : "(unmapped)";
        segments.push({ line: offset.line + index, column: (index === 0 ? offset.column : 0) + segment[0], source });
      }
    });
  }
  segments.sort((a, b) => a.line - b.line || a.column - b.column);
  const perSource = new Map<string, number>();
  let counted = 0;
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const end = next && next.line === segment.line ? next.column : (lines[segment.line]?.length ?? segment.column);
    const bytes = Math.max(0, end - segment.column);
    perSource.set(segment.source, (perSource.get(segment.source) ?? 0) + bytes);
    counted += bytes;
  });
  perSource.set("(unmapped)", (perSource.get("(unmapped)") ?? 0) + Math.max(0, text.length - counted));
  return perSource;
}

function groupOf(source: string, by: "package" | "file"): string {
  const clean = source.replace(/^turbopack:\/\/\/?/, "").replace(/^\[project\]\//, "");
  const modules = clean.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const parts = clean.slice(modules + "node_modules/".length).split("/");
    const scoped = parts[0]!.startsWith("@");
    const name = scoped ? `${parts[0]}/${parts[1]}` : parts[0]!;
    return by === "file" ? `${name}: ${parts.slice(scoped ? 2 : 1).join("/")}` : name;
  }
  // next's own sources map to "[project]/node_modules/next/..." above; Turbopack's runtime and ours land here.
  return by === "file" ? clean : clean.split("/").slice(0, 3).join("/");
}
