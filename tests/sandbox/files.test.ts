import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, normalizeSandboxPath } from "@/modules/sandbox/server/paths";
import type { Sandbox } from "@/modules/sandbox/server/port";
import { localProviderFixture } from "./local-provider-fixture";

let fixture: Awaited<ReturnType<typeof localProviderFixture>>;
let sandbox: Sandbox;

beforeAll(async () => {
  fixture = await localProviderFixture();
  sandbox = await fixture.provider.create();
});
afterAll(() => fixture?.cleanup());

describe("normalizeSandboxPath", () => {
  it.each([
    ["../secret", /contains "\.\."/],
    ["a/../../secret", /contains "\.\."/],
    ["/etc/passwd", /absolute/],
    ["~/.bashrc", /absolute/],
    ["a\u0000b", /NUL/],
    ["a\\..\\b", /backslash/],
    ["", /app directory itself/],
    [".", /app directory itself/],
    ["x".repeat(300), /longer than 255 bytes/],
  ])("refuses %j", (input, message) => {
    expect(() => normalizeSandboxPath(input)).toThrow(message);
    expect(() => normalizeSandboxPath(input)).toThrow(expect.objectContaining({ code: "path-escape" }));
  });

  it("normalises harmless forms", () => {
    expect(normalizeSandboxPath("./src//app.js")).toBe("src/app.js");
    expect(normalizeSandboxPath("dir/")).toBe("dir");
    expect(normalizeSandboxPath("", { allowRoot: true })).toBe("");
  });
});

describe("files in a local sandbox", () => {
  it("starts from the template and round-trips files, creating directories", async () => {
    expect(await sandbox.files.read("index.html")).toContain('<link rel="stylesheet" href="styles.css"');
    await sandbox.files.write("src/components/card.js", "export const card = 'ünïcode ✓';\n");
    expect(await sandbox.files.read("./src/components/card.js")).toBe("export const card = 'ünïcode ✓';\n");
    // Written by the host, yet the sandbox's user owns it and can change it.
    expect((await sandbox.commands.run("echo more >> src/components/card.js && stat -c %U src/components/card.js")).stdout).toBe("user\n");
    const listing = await sandbox.files.list();
    expect(listing.map((entry) => `${entry.type} ${entry.path}`)).toEqual([
      "file index.html",
      "file script.js",
      "dir src",
      "dir src/components",
      "file src/components/card.js",
      "file styles.css",
    ]);
    expect(await sandbox.files.list("src")).toHaveLength(2);
  });

  it.each(["../../../etc/passwd", "/etc/passwd", "src/../../x", "a\u0000b"])("refuses the path %j for every operation", async (bad) => {
    await expect(sandbox.files.read(bad)).rejects.toMatchObject({ code: "path-escape" });
    await expect(sandbox.files.write(bad, "x")).rejects.toMatchObject({ code: "path-escape" });
    await expect(sandbox.files.list(bad)).rejects.toMatchObject({ code: "path-escape" });
  });

  it("reports missing files as not-found", async () => {
    await expect(sandbox.files.read("nope.txt")).rejects.toMatchObject({ code: "not-found" });
    await expect(sandbox.files.list("nope")).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("symlinks made by a command inside the sandbox", () => {
  const marker = `ollio-link-escape-${Date.now()}`;
  beforeAll(async () => {
    const made = await sandbox.commands.run(
      [
        "ln -s /etc etc-link",
        "ln -s /etc/passwd passwd-link",
        "ln -s ../../../../.. up",
        `ln -s /tmp/${marker} dangling-out`,
        "ln -s index.html alias.html",
        "ln -s /home/user/app/styles.css absolute-inside.css",
        "mkdir -p nested && ln -s .. nested/parent",
        "mkfifo pipe",
      ].join(" && "),
    );
    expect(made.exitCode).toBe(0);
  });

  it.each([
    ["etc-link/passwd", "a symlink to /etc"],
    ["passwd-link", "a symlink to /etc/passwd"],
    ["up/etc/passwd", "climbs above the app directory"],
    ["dangling-out", `a symlink to /tmp/${marker}`],
  ])("refuses %j: %s", async (path, message) => {
    await expect(sandbox.files.read(path)).rejects.toMatchObject({ code: "path-escape", message: expect.stringContaining(message) });
    await expect(sandbox.files.write(path, "pwned")).rejects.toMatchObject({ code: "path-escape" });
  });

  it("writes nothing on the host through them", async () => {
    await expect(sandbox.files.write(`etc-link/${marker}`, "pwned")).rejects.toMatchObject({ code: "path-escape" });
    expect(existsSync(`/etc/${marker}`)).toBe(false);
    expect(existsSync(`/tmp/${marker}`)).toBe(false);
    expect(readFileSync("/etc/passwd", "utf8")).not.toContain("pwned");
  });

  it("refuses them as a command's working directory", async () => {
    await expect(sandbox.commands.run("pwd", { cwd: "etc-link" })).rejects.toMatchObject({ code: "path-escape" });
  });

  it("follows links that stay inside the app directory", async () => {
    const index = await sandbox.files.read("index.html");
    expect(await sandbox.files.read("alias.html")).toBe(index);
    expect(await sandbox.files.read("nested/parent/index.html")).toBe(index);
    expect(await sandbox.files.read("absolute-inside.css")).toContain(":root");
  });

  it("leaves links out of listings", async () => {
    const paths = (await sandbox.files.list()).map((entry) => entry.path);
    expect(paths).not.toContain("etc-link");
    expect(paths).not.toContain("alias.html");
    expect(paths.some((path) => path.includes("passwd"))).toBe(false);
  });

  it("does not hang on a FIFO planted in place of a file", async () => {
    await expect(sandbox.files.read("pipe")).rejects.toMatchObject({ code: "not-found" });
    await expect(sandbox.files.write("pipe", "x")).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("file limits", () => {
  it("refuses a file over the per-file limit, written or read", async () => {
    await expect(sandbox.files.write("big.txt", "x".repeat(MAX_FILE_BYTES + 1))).rejects.toMatchObject({
      code: "too-large",
      message: expect.stringContaining("the limit is 512 KB per file"),
    });
    await sandbox.commands.run(`head -c ${MAX_FILE_BYTES + 1} /dev/zero > made-big.bin`);
    await expect(sandbox.files.read("made-big.bin")).rejects.toMatchObject({ code: "too-large" });
    await sandbox.commands.run("rm made-big.bin");
  });

  it(`refuses to create file number ${MAX_FILES + 1}, but still overwrites existing ones`, async () => {
    const fresh = await fixture.provider.create();
    const existing = (await fresh.files.list()).filter((entry) => entry.type === "file").length;
    await fresh.commands.run(`mkdir many && cd many && for i in $(seq ${MAX_FILES - existing}); do echo $i > f$i.txt; done`);
    await expect(fresh.files.write("one-more.txt", "x")).rejects.toMatchObject({
      code: "too-many-files",
      message: expect.stringContaining(`the limit is ${MAX_FILES}`),
    });
    await fresh.files.write("index.html", "<p>replaced</p>");
    expect(await fresh.files.read("index.html")).toBe("<p>replaced</p>");
    await fresh.kill();
  });

  it("refuses a write that would take the app directory over its quota", async () => {
    const fresh = await fixture.provider.create();
    // The template's own files (under 10 KB) count too.
    await fresh.commands.run(`head -c ${MAX_TOTAL_BYTES - 10_000} /dev/zero > filler.bin`);
    await expect(fresh.files.write("page.html", "x".repeat(12_000))).rejects.toMatchObject({ code: "quota" });
    await fresh.files.write("small.html", "x".repeat(500));
    await fresh.kill();
  });
});
