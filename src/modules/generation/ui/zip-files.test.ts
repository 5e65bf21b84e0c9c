import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { zipFiles } from "./zip-files";

const run = promisify(execFile);
const dir = await mkdtemp(path.join(os.tmpdir(), "ollio-zip-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("zipFiles", () => {
  it("makes an archive Info-ZIP's unzip accepts, with every file's exact content and UTF-8 names", async () => {
    const files = {
      "index.html": "<!doctype html><h1>Crumb & Co — café</h1>\n",
      "/styles.css": "h1 { color: #4338ca; }\n",
      "js/app.js": "console.log('hi');\n".repeat(200),
    };
    const archive = path.join(dir, "site.zip");
    await writeFile(archive, zipFiles(files, new Date(2026, 11, 1, 12, 30)));

    const test = await run("unzip", ["-t", archive]);
    expect(test.stdout).toMatch(/No errors detected/);
    const listing = await run("unzip", ["-Z1", archive]);
    expect(listing.stdout.trim().split("\n").sort()).toEqual(["index.html", "js/app.js", "styles.css"]);
    for (const [name, content] of [
      ["index.html", files["index.html"]],
      ["styles.css", files["/styles.css"]],
      ["js/app.js", files["js/app.js"]],
    ] as const) {
      expect((await run("unzip", ["-p", archive, name])).stdout).toBe(content);
    }
  });
});
