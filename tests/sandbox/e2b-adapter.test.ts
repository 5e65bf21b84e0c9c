import { describe, expect, it } from "vitest";
import { E2bSandboxProvider } from "@/modules/sandbox/server/e2b/e2b-provider";
import { MAX_FILE_BYTES, MAX_FILES } from "@/modules/sandbox/server/paths";
import { FakeE2bSdk } from "./fake-e2b-sdk";

async function setup() {
  const sdk = new FakeE2bSdk();
  const provider = new E2bSandboxProvider({ apiKey: "e2b_test_key", template: "ollio-web-custom", sdk });
  const sandbox = await provider.create();
  const fake = sdk.sandboxes.get(sandbox.id)!;
  return { sdk, provider, sandbox, fake };
}

describe("E2B adapter: sandboxes", () => {
  it("creates from the configured template, without internet access, with a lifetime", async () => {
    const { sdk, provider } = await setup();
    await provider.create({ template: "other", timeoutMs: 5_000 });
    expect(sdk.creates).toEqual([
      { template: "ollio-web-custom", opts: { apiKey: "e2b_test_key", timeoutMs: 600_000, allowInternetAccess: false } },
      { template: "other", opts: { apiKey: "e2b_test_key", timeoutMs: 5_000, allowInternetAccess: false } },
    ]);
  });

  it("gives a live preview URL, extends and kills", async () => {
    const { sandbox, fake, provider } = await setup();
    expect(sandbox.previewUrl(3000)).toBe(`https://3000-${sandbox.id}.e2b.app`);
    await sandbox.setTimeout(120_000);
    expect(fake.timeoutMs).toBe(120_000);
    expect((await provider.connect(sandbox.id)).id).toBe(sandbox.id);
    await sandbox.kill();
    await sandbox.kill(); // already gone: not an error
    await expect(sandbox.commands.run("ls")).rejects.toMatchObject({ code: "gone" });
    await expect(sandbox.files.read("index.html")).rejects.toMatchObject({ code: "gone" });
    await expect(provider.connect(sandbox.id)).rejects.toMatchObject({ code: "gone" });
  });
});

describe("E2B adapter: files", () => {
  it("writes and reads under /home/user/app, and lists relative paths without symlinks", async () => {
    const { sandbox, fake } = await setup();
    await sandbox.files.write("./src//app.js", "console.log(1)");
    expect(fake.writes).toEqual(["/home/user/app/src/app.js"]);
    expect(await sandbox.files.read("src/app.js")).toBe("console.log(1)");
    fake.entries.set("/home/user/app/link", { content: "", symlinkTarget: "/etc" });
    expect((await sandbox.files.list()).map((entry) => `${entry.type} ${entry.path}`)).toEqual([
      "file index.html",
      "file script.js",
      "dir src",
      "file src/app.js",
      "file styles.css",
    ]);
  });

  it("refuses escaping paths before asking E2B", async () => {
    const { sandbox, fake } = await setup();
    for (const bad of ["../x", "/etc/passwd", "a/../../x", "a\u0000b"]) {
      await expect(sandbox.files.write(bad, "x")).rejects.toMatchObject({ code: "path-escape" });
      await expect(sandbox.files.read(bad)).rejects.toMatchObject({ code: "path-escape" });
      await expect(sandbox.commands.run("pwd", { cwd: bad })).rejects.toMatchObject({ code: "path-escape" });
    }
    expect(fake.writes).toEqual([]);
    expect(fake.reads).toEqual([]);
    expect(fake.runs).toEqual([]);
  });

  it("refuses reading through a symlink that points out, follows one that stays in", async () => {
    const { sandbox, fake } = await setup();
    fake.entries.set("/home/user/app/passwd", { content: "root:x:0:0", symlinkTarget: "/etc/passwd" });
    fake.entries.set("/home/user/app/alias.html", { content: "/* index.html */", symlinkTarget: "/home/user/app/index.html" });
    await expect(sandbox.files.read("passwd")).rejects.toMatchObject({ code: "path-escape" });
    expect(await sandbox.files.read("alias.html")).toBe("/* index.html */");
  });

  it("maps missing files to not-found and enforces the file limits", async () => {
    const { sandbox, fake } = await setup();
    await expect(sandbox.files.read("missing.js")).rejects.toMatchObject({ code: "not-found" });
    await expect(sandbox.files.write("big.js", "x".repeat(MAX_FILE_BYTES + 1))).rejects.toMatchObject({ code: "too-large" });
    fake.entries.set("/home/user/app/huge.bin", { content: "x".repeat(MAX_FILE_BYTES + 1) });
    await expect(sandbox.files.read("huge.bin")).rejects.toMatchObject({ code: "too-large" });
    expect(fake.reads).toEqual([]); // refused from the size E2B reported, not after downloading it
    fake.entries.delete("/home/user/app/huge.bin");
    for (let i = fake.entries.size; i < MAX_FILES; i++) fake.entries.set(`/home/user/app/gen/f${i}.txt`, { content: "x" });
    await expect(sandbox.files.write("one-more.js", "x")).rejects.toMatchObject({ code: "too-many-files" });
    await sandbox.files.write("index.html", "<p>overwrite is fine</p>");
  });
});

describe("E2B adapter: commands", () => {
  it("returns output and exit code, in the app directory, with the default timeout", async () => {
    const { sandbox, fake } = await setup();
    fake.script = () => ({ stdout: ["hel", "lo\n"], stderr: ["warn\n"] });
    const chunks: string[] = [];
    const result = await sandbox.commands.run("echo hello", { cwd: "pages", onStdout: (chunk) => chunks.push(chunk) });
    expect(result).toEqual({ exitCode: 0, stdout: "hello\n", stderr: "warn\n", truncated: false });
    expect(chunks).toEqual(["hel", "lo\n"]);
    expect(fake.runs).toEqual([{ cmd: "echo hello", cwd: "/home/user/app/pages", timeoutMs: 60_000 }]);
  });

  it("maps CommandExitError to a result instead of throwing", async () => {
    const { sandbox, fake } = await setup();
    fake.script = () => ({ stdout: ["partial\n"], stderr: ["boom\n"], exitCode: 2 });
    expect(await sandbox.commands.run("false")).toEqual({ exitCode: 2, stdout: "partial\n", stderr: "boom\n", truncated: false });
  });

  it("reports a timeout as limitExceeded with the output so far", async () => {
    const { sandbox, fake } = await setup();
    fake.script = () => ({ stdout: ["started\n"], timesOut: true });
    const result = await sandbox.commands.run("sleep 999", { timeoutMs: 1_500 });
    expect(result).toMatchObject({ exitCode: 124, stdout: "started\n", limitExceeded: "timeout" });
    expect(result.stderr).toMatch(/stopped: it ran longer than its time limit of 1.5 s/);
    expect(fake.runs[0]!.timeoutMs).toBe(1_500);
  });

  it("kills a command that floods its output and keeps the first 64 KB", async () => {
    const { sandbox, fake } = await setup();
    const chunk = "a".repeat(64 * 1024);
    fake.script = () => ({ stdout: Array.from({ length: 200 }, () => chunk) }); // 12.5 MB
    const result = await sandbox.commands.run("yes a");
    expect(fake.commandKills).toBe(1);
    expect(result.limitExceeded).toBe("output");
    expect(result.truncated).toBe(true);
    expect(result.stdout).toHaveLength(64 * 1024);
    expect(result.stderr).toMatch(/wrote more than 4 MB of output/);
  });
});
