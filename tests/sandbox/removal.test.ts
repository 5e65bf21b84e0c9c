import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOST_UID_CLAIMS_DIR, runningAsRoot, SANDBOX_UID_BASE } from "@/modules/sandbox/server/local/sandbox-uid";
import { localProviderFixture } from "./local-provider-fixture";

let fixture: Awaited<ReturnType<typeof localProviderFixture>>;
beforeAll(async () => {
  fixture = await localProviderFixture();
});
afterAll(() => fixture?.cleanup());

/** Sandbox directories that hold a host-wide uid claim right now. */
function claimedSandboxDirs(): string[] {
  if (!existsSync(HOST_UID_CLAIMS_DIR)) return [];
  return readdirSync(HOST_UID_CLAIMS_DIR).map((uid) => readFileSync(path.join(HOST_UID_CLAIMS_DIR, uid), "utf8"));
}

// What a hostile command can do to its workspace so that deleting it fails: a chain deeper than
// PATH_MAX (fs.rm fails with ENAMETOOLONG), directories nobody may enter or list, read-only files,
// and many small files.
const HOSTILE_TREE = [
  `node -e 'const fs = require("fs"); for (let i = 0; i < 5000; i++) { fs.mkdirSync("d"); process.chdir("d"); } fs.writeFileSync("bottom", "x")'`,
  "mkdir -p locked/a/b && echo secret > locked/a/b/file && chmod 444 locked/a/b/file && chmod 000 locked/a/b locked/a locked",
  "mkdir many && cd many && seq 1 2000 | xargs touch",
  "chmod 500 .",
].join(" && ");

describe("removing a sandbox whatever its commands did to the workspace", () => {
  it("kill() removes a 5,000-deep chain, chmod 000 directories and read-only files, and frees the uid", async () => {
    const sandbox = await fixture.provider.create();
    const workspace = fixture.workspaceOf(sandbox.id);
    const built = await sandbox.commands.run(HOSTILE_TREE, { timeoutMs: 60_000 });
    expect(built).toMatchObject({ exitCode: 0 });
    expect(existsSync(path.join(workspace, "d", "d", "d"))).toBe(true);
    if (runningAsRoot()) expect(claimedSandboxDirs()).toContain(path.dirname(workspace));

    await sandbox.kill();

    expect(existsSync(path.dirname(workspace))).toBe(false);
    expect(claimedSandboxDirs()).not.toContain(path.dirname(workspace));
    // The host's own view agrees: nothing is left under the sandboxes directory for it.
    expect(readdirSync(path.join(fixture.root, "sandboxes"))).not.toContain(sandbox.id);
  });

  it("the reaper removes such a sandbox left behind by an earlier process, and frees its uid", async () => {
    const { prepareWorkspaceRoot } = await import("@/modules/sandbox/server/local/workspace-root");
    const { reapExpiredSandboxes } = await import("@/modules/sandbox/server/local/reaper");
    const left = await fixture.provider.create({ timeoutMs: 60_000 });
    expect((await left.commands.run(HOSTILE_TREE, { timeoutMs: 60_000 })).exitCode).toBe(0);
    const dir = path.dirname(fixture.workspaceOf(left.id));

    const root = await prepareWorkspaceRoot(fixture.root);
    const failures = await reapExpiredSandboxes(root, () => false, Date.now() + 120_000);

    expect(failures).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(claimedSandboxDirs()).not.toContain(dir);
    await left.kill(); // already gone: a no-op that must not throw
  });
});

describe("host-wide uid claims", () => {
  it.runIf(runningAsRoot())("two Ollio instances with different SANDBOX_ROOTs never share a uid", async () => {
    const roots = [await localProviderFixture(), await localProviderFixture()];
    // Each instance is a process of its own, with its own in-memory allocation cursor.
    const instances = roots.map((other) => startInstance(other.root));
    try {
      const uids = await Promise.all(instances.map((instance) => instance.uid));
      expect(uids.every((uid) => uid >= SANDBOX_UID_BASE)).toBe(true);
      expect(uids[0]).not.toBe(uids[1]);
    } finally {
      for (const instance of instances) instance.stop();
      await Promise.all(instances.map((instance) => instance.exited));
      await Promise.all(roots.map((other) => other.cleanup()));
    }
  });
});

/** An Ollio process holding one sandbox open until stopped; `uid` is that sandbox's host uid. */
function startInstance(root: string) {
  const script = `
    import { LocalSandboxProvider } from "@/modules/sandbox/server/local/local-provider";
    const provider = new LocalSandboxProvider({ root: ${JSON.stringify(root)}, templatesDir: ${JSON.stringify(path.resolve("sandbox-templates"))} });
    const sandbox = await provider.create({ timeoutMs: 60_000 });
    console.log("sandbox " + sandbox.id);
    process.stdin.on("end", async () => { await provider.close(); process.exit(0); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: ["pipe", "pipe", "inherit"],
  });
  const uid = new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      // The workspace belongs to the sandbox's host uid.
      const match = /sandbox (\w+)/.exec(output);
      if (match) resolve(statSync(path.join(root, "sandboxes", match[1]!, "app")).uid);
    });
    child.once("exit", (code) => reject(new Error(`instance exited (${code}) before reporting a uid: ${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { uid, exited, stop: () => child.stdin.end() };
}
