import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/modules/sandbox/server/port";
import { HOST_UID_CLAIMS_DIR, SANDBOX_UID_BASE } from "@/modules/sandbox/server/local/sandbox-uid";
import { localProviderFixture } from "./local-provider-fixture";

// A secret only the app knows: nothing of it may reach a sandbox.
const FAKE_SECRET = `ollio-fake-secret-${Math.random().toString(36).slice(2)}`;
process.env.OLLIO_TEST_FAKE_SECRET = FAKE_SECRET;

let fixture: Awaited<ReturnType<typeof localProviderFixture>>;
let a: Sandbox;
let b: Sandbox;

beforeAll(async () => {
  fixture = await localProviderFixture();
  [a, b] = await Promise.all([fixture.provider.create(), fixture.provider.create()]);
});
afterAll(() => fixture?.cleanup());

/** Connects from inside the sandbox; prints CONNECTED or the error code. */
function connectScript(host: string, port: number) {
  return `node -e "require('net').connect(${port}, '${host}').on('connect', () => { console.log('CONNECTED'); process.exit(0) }).on('error', (e) => { console.log(e.code); process.exit(3) })"`;
}

describe("what a sandbox cannot read", () => {
  it("has no /etc/shadow, nor the host's passwd", async () => {
    const shadow = await a.commands.run("cat /etc/shadow");
    expect(shadow.exitCode).not.toBe(0);
    expect(shadow.stderr).toMatch(/No such file/);
    const passwd = await a.commands.run("cat /etc/passwd");
    expect(passwd.stdout).not.toMatch(/^postgres:|^_apt:|^daemon:/m);
  });

  it("cannot see the app's directory, its package.json or .env", async () => {
    const appDir = process.cwd();
    expect(existsSync(path.join(appDir, "package.json"))).toBe(true); // it does exist on the host
    const result = await a.commands.run(`ls ${appDir}; cat ${appDir}/package.json; cat ${appDir}/.env`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/No such file/);
  });

  it("sees only its own processes, and no environment of the app (not even via /proc/1)", async () => {
    const result = await a.commands.run("env; echo ---; tr '\\0' '\\n' < /proc/1/environ; echo ---; ls /proc | grep -c '^[0-9]'");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain(FAKE_SECRET);
    expect(result.stdout).not.toContain("DATABASE_URL");
    const [env, initEnv, processCount] = result.stdout.split("---\n");
    const keys = env!.trim().split("\n").map((line) => line.split("=")[0]);
    expect(keys.sort()).toEqual(["HOME", "LANG", "PATH", "PWD", "SHLVL", "USER", "_"]);
    expect(initEnv!.trim()).toBe("PATH=/usr/bin:/bin");
    expect(Number(processCount)).toBeLessThan(8);
  });

  it("runs without capabilities, as the unprivileged `user`", async () => {
    const result = await a.commands.run("id -u; grep CapEff /proc/self/status; ls /sys 2>&1 | head -1");
    expect(result.stdout).toMatch(/^1000\nCapEff:\s+0000000000000000\n/);
    expect(result.stdout).toMatch(/No such file/);
  });

  it("runs as its own host uid when the app is root", async () => {
    if (process.getuid?.() !== 0) return expect(statSync(fixture.workspaceOf(a.id)).uid).toBe(process.getuid?.());
    const uidA = statSync(fixture.workspaceOf(a.id)).uid;
    const uidB = statSync(fixture.workspaceOf(b.id)).uid;
    expect(uidA).toBeGreaterThanOrEqual(SANDBOX_UID_BASE);
    expect(uidB).toBeGreaterThanOrEqual(SANDBOX_UID_BASE);
    expect(uidA).not.toBe(uidB);
  });
});

describe("what a sandbox cannot reach", () => {
  let server: Server;
  let port: number;
  let accepted = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      accepted++;
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("has no network but its own loopback", async () => {
    const result = await a.commands.run("cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '");
    expect(result.stdout.trim()).toBe("lo");
  });

  it("cannot connect to a service on the host's 127.0.0.1", async () => {
    const result = await a.commands.run(connectScript("127.0.0.1", port));
    expect(result.stdout.trim()).toBe("ECONNREFUSED");
    expect(accepted).toBe(0);
  });

  it("cannot connect to the app's Postgres", async () => {
    const database = new URL(process.env.DATABASE_URL!);
    const result = await a.commands.run(connectScript(database.hostname.replace(/^\[|\]$/g, ""), Number(database.port || 5432)));
    expect(result.stdout.trim()).toMatch(/^E[A-Z]+$/); // ECONNREFUSED, or no route for a remote host
    expect(result.stdout).not.toContain("CONNECTED");
  });

  it("cannot resolve names", async () => {
    const result = await a.commands.run(
      `node -e "const dns = require('dns'); dns.lookup('example.com', (e) => { console.log(e ? e.code : 'RESOLVED'); dns.resolve4('example.com', (e2) => console.log(e2 ? e2.code : 'RESOLVED')) })"`,
    );
    expect(result.stdout).not.toContain("RESOLVED");
    expect(result.stdout.trim().split("\n")).toHaveLength(2);
  });
});

describe("what a sandbox cannot write", () => {
  it("cannot write outside its workspace, and its /tmp is private", async () => {
    const marker = `ollio-escape-${Date.now()}`;
    const result = await a.commands.run(
      `for target in /${marker} /usr/${marker} /etc/${marker} /home/${marker} /proc/${marker}; do touch "$target" 2>/dev/null && echo "WROTE $target"; done; touch /tmp/${marker} && echo tmp-ok`,
    );
    expect(result.stdout.trim()).toBe("tmp-ok");
    for (const dir of ["/", "/usr", "/etc", "/home", "/tmp"]) expect(existsSync(path.join(dir, marker))).toBe(false);
  });

  it("never sees another sandbox's files", async () => {
    await b.files.write("secret-of-b.txt", FAKE_SECRET);
    const hostPathOfB = fixture.workspaceOf(b.id);
    const result = await a.commands.run(`cat ${hostPathOfB}/secret-of-b.txt; ls /home/user; ls /home/user/app`);
    expect(result.stdout).not.toContain(FAKE_SECRET);
    expect(result.stdout).not.toContain("secret-of-b.txt");
    expect(result.stderr).toMatch(/No such file/);
    expect((await b.commands.run("cat secret-of-b.txt")).stdout).toBe(FAKE_SECRET);
  });
});

describe("lifetime", () => {
  it("removes the workspace on kill() and refuses any later use", async () => {
    const sandbox = await fixture.provider.create();
    const workspace = fixture.workspaceOf(sandbox.id);
    expect(existsSync(workspace)).toBe(true);
    await sandbox.kill();
    expect(existsSync(path.dirname(workspace))).toBe(false);
    await expect(sandbox.commands.run("true")).rejects.toMatchObject({ code: "gone" });
    await expect(fixture.provider.connect(sandbox.id)).rejects.toMatchObject({ code: "gone" });
  });

  it("expires after its timeout unless extended with setTimeout()", async () => {
    const short = await fixture.provider.create({ timeoutMs: 300 });
    const extended = await fixture.provider.create({ timeoutMs: 300 });
    await extended.setTimeout(10_000);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(existsSync(fixture.workspaceOf(short.id))).toBe(false);
    await expect(fixture.provider.connect(short.id)).rejects.toMatchObject({ code: "gone" });
    expect((await extended.commands.run("echo alive")).stdout).toBe("alive\n");
    await extended.kill();
  });

  it("sweeps away sandboxes an earlier process left behind once they expire", async () => {
    const { reapExpiredSandboxes } = await import("@/modules/sandbox/server/local/reaper");
    const { prepareWorkspaceRoot } = await import("@/modules/sandbox/server/local/workspace-root");
    const left = await fixture.provider.create({ timeoutMs: 60_000 });
    const root = await prepareWorkspaceRoot(fixture.root);
    await reapExpiredSandboxes(root, () => false, Date.now() + 30_000); // not expired yet
    expect(existsSync(fixture.workspaceOf(left.id))).toBe(true);
    await reapExpiredSandboxes(root, () => false, Date.now() + 120_000); // as if the app restarted later
    expect(existsSync(path.dirname(fixture.workspaceOf(left.id)))).toBe(false);
    // Its uid is free again (host-wide claims hold the directory of the sandbox using the uid).
    const claims = readdirSync(HOST_UID_CLAIMS_DIR).map((uid) => readFileSync(path.join(HOST_UID_CLAIMS_DIR, uid), "utf8"));
    expect(claims).not.toContain(path.dirname(fixture.workspaceOf(left.id)));
    await left.kill();
  });

  it("connects to a live sandbox by id", async () => {
    const same = await fixture.provider.connect(a.id);
    expect((await same.commands.run("cat index.html")).stdout).toContain("<!doctype html>");
  });
});

describe("without bubblewrap", () => {
  it("refuses to start, naming the package, instead of running unsandboxed", async () => {
    const { LocalSandboxProvider } = await import("@/modules/sandbox/server/local/local-provider");
    const savedPath = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const provider = new LocalSandboxProvider({ root: path.join(fixture.root, "no-bwrap") });
      await expect(provider.create()).rejects.toThrow(/bubblewrap.*apt-get install bubblewrap/s);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
