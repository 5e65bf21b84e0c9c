import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult, Sandbox } from "@/modules/sandbox/server/port";
import { localProviderFixture } from "./local-provider-fixture";

// Tight limits so each runaway is stopped in well under a second or two.
const MB = 1024 * 1024;
let fixture: Awaited<ReturnType<typeof localProviderFixture>>;
let victim: Sandbox;
let bystander: Sandbox;

beforeAll(async () => {
  fixture = await localProviderFixture({
    cpuSeconds: 1,
    memoryBytes: 256 * MB,
    processes: 64,
    fileSizeBytes: 4 * MB,
    diskBytes: 16 * MB,
  });
  [victim, bystander] = await Promise.all([fixture.provider.create(), fixture.provider.create()]);
});
afterAll(() => fixture?.cleanup());

/** After each runaway: a second sandbox, and the host itself, still work right away. */
async function expectOthersUnharmed() {
  const started = performance.now();
  const result = await bystander.commands.run("echo fine && node -e 'console.log(1 + 1)'");
  expect(result).toMatchObject({ exitCode: 0, stdout: "fine\n2\n" });
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(execFileSync("sh", ["-c", "echo host-ok"]).toString()).toBe("host-ok\n");
}

/** Processes on the host whose command line contains `marker` (leftovers of a stopped command). */
function hostProcessesMatching(marker: string): number {
  let count = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker)) count++;
    } catch {
      // exited
    }
  }
  return count;
}

function expectStopped(result: CommandResult, limit: CommandResult["limitExceeded"], message: RegExp) {
  expect(result.limitExceeded).toBe(limit);
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr).toMatch(message);
}

describe("a runaway command is stopped and reported, and nothing else suffers", () => {
  it("never-ending: stopped at its timeout, with everything it started", async () => {
    const started = performance.now();
    const result = await victim.commands.run("sleep 987654 & sleep 987653; echo never", { timeoutMs: 500 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expectStopped(result, "timeout", /\[sandbox\] The command was stopped: it ran longer than its time limit of 500 ms/);
    expect(result.stdout).toBe("");
    expect(hostProcessesMatching("sleep\u0000987654")).toBe(0);
    expect(hostProcessesMatching("sleep\u0000987653")).toBe(0);
    await expectOthersUnharmed();
  });

  it("fork bomb: held at the process limit, then stopped", async () => {
    const started = performance.now();
    const result = await victim.commands.run("bomb() { bomb | bomb & }; bomb; sleep 30", { timeoutMs: 10_000 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expectStopped(result, "processes", /too many processes or threads \(limit 64\)/);
    await expectOthersUnharmed();
  });

  it("memory hog: one process cannot allocate past its limit", async () => {
    const result = await victim.commands.run(`node -e "const keep = []; for (;;) keep.push(new Array(1e6).fill(keep.length))"`);
    expectStopped(result, "memory", /used more than 256 MB of memory/);
    await expectOthersUnharmed();
  });

  it("memory hog: several processes together cannot pass it either", async () => {
    // Each stays under the per-process limit; together they hold ~400 MB > 256 MB.
    const holder = `node -e "globalThis.keep = Buffer.alloc(100 * 1024 * 1024, 1); setTimeout(() => {}, 20000)"`;
    const result = await victim.commands.run(`for i in 1 2 3 4; do ${holder} & done; wait`, { timeoutMs: 15_000 });
    expectStopped(result, "memory", /used more than 256 MB of memory/);
    await expectOthersUnharmed();
  });

  it("disk filler: held at the workspace quota", async () => {
    // As root the workspace is a tmpfs of its quota: the write past it fails (ENOSPC) and the loop
    // ends. Otherwise the sampling monitor stops it (quota.test.ts has the details of both).
    const result = await victim.commands.run(
      "i=0; while head -c 1048576 /dev/zero > fill-$i; do i=$((i+1)); done; exit 1",
      { timeoutMs: 10_000 },
    );
    expectStopped(result, "disk", /the app directory (grew past its quota of 16 MB|is full: its quota is 16 MB)/i);
    // The agent can clean up: a quick command still runs, and frees the space.
    expect((await victim.commands.run("rm -f fill-*; ls")).stdout).toBe("index.html\nscript.js\nstyles.css\n");
    await expectOthersUnharmed();
  });

  it("one huge file: stopped by the file-size limit", async () => {
    const result = await victim.commands.run("head -c 20000000 /dev/zero > big.bin");
    expectStopped(result, "file-size", /a file larger than 4 MB/);
    await victim.commands.run("rm -f big.bin");
    await expectOthersUnharmed();
  });

  it("CPU spinner: stopped by the CPU-time limit", async () => {
    const result = await victim.commands.run(`node -e "for (;;) {}"`, { timeoutMs: 10_000 });
    expectStopped(result, "cpu", /more than 1 s of CPU time/);
    await expectOthersUnharmed();
  });

  it("100 MB of stdout: keeps the first 64 KB, stops the flood", async () => {
    const started = performance.now();
    const result = await victim.commands.run("head -c 100000000 /dev/zero | tr '\\0' a", { timeoutMs: 20_000 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expectStopped(result, "output", /wrote more than 4 MB of output/);
    expect(result.truncated).toBe(true);
    expect(result.stdout).toHaveLength(64 * 1024);
    expect(result.stdout).toMatch(/^a+$/);
    await expectOthersUnharmed();
  });
});

describe("ordinary commands", () => {
  it("report their exit code and output, streamed to listeners", async () => {
    const chunks: string[] = [];
    const result = await bystander.commands.run("echo out; echo err >&2; exit 3", { onStdout: (chunk) => chunks.push(chunk) });
    expect(result).toEqual({ exitCode: 3, stdout: "out\n", stderr: "err\n", truncated: false });
    expect(chunks.join("")).toBe("out\n");
  });

  it("run in a working directory relative to the app directory, never outside", async () => {
    await bystander.files.write("pages/about.html", "<h1>About</h1>");
    expect((await bystander.commands.run("pwd; ls", { cwd: "pages" })).stdout).toBe("/home/user/app/pages\nabout.html\n");
    await expect(bystander.commands.run("pwd", { cwd: "../.." })).rejects.toMatchObject({ code: "path-escape" });
    await expect(bystander.commands.run("pwd", { cwd: "missing" })).rejects.toMatchObject({ code: "not-found" });
  });

  it("hold no descriptor but stdin, stdout and stderr", async () => {
    // `; true` keeps bash from exec-ing ls, so $$ is the shell and not ls (whose own fd 3 would show).
    const result = await bystander.commands.run("ls /proc/$$/fd; true");
    expect(result.stdout.trim().split("\n").sort()).toEqual(["0", "1", "2"]);
  });
});
