import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

// Ollio declares the Node versions it runs on in package.json's `engines`. Every package npm
// installs must accept the oldest of them, or `npm install` warns EBADENGINE and the package may
// use APIs that Node lacks. Optional packages are exempt: npm skips those whose engines refuse the
// running Node (e2b's `undici8`, taken only on Node ≥ 22.19, is one).
const root = path.resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; optional?: boolean; engines?: { node?: string } | string[] }>;
};

describe("Node engines", () => {
  const oldestNode = semver.minVersion(manifest.engines.node)!.version;

  it("runs on the Node version it declares", () => {
    expect(semver.satisfies(process.versions.node, manifest.engines.node)).toBe(true);
  });

  it(`every installed dependency accepts Node ${oldestNode}, the oldest Ollio declares`, () => {
    const refusing = Object.entries(lock.packages)
      .filter(([where, entry]) => where !== "" && !entry.optional)
      .flatMap(([where, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.satisfies(oldestNode, range) ? [`${where}@${entry.version} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });
});
