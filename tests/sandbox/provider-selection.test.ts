import { rm } from "node:fs/promises";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

// @/env and providers are read once per module graph: each case sets the environment, then
// imports a fresh copy. The provider is a per-process singleton kept on globalThis.
const saved = { ...process.env };
const SANDBOX_ROOT = `/tmp/ollio-selection-test-${process.pid}`;
afterAll(() => rm(SANDBOX_ROOT, { recursive: true, force: true }));
afterEach(() => {
  process.env = { ...saved };
  delete (globalThis as { ollioSandbox?: unknown }).ollioSandbox;
  vi.resetModules();
});

async function freshIndex(env: Record<string, string | undefined>) {
  Object.assign(process.env, env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  vi.resetModules();
  delete (globalThis as { ollioSandbox?: unknown }).ollioSandbox;
  return import("@/modules/sandbox/server");
}

describe("getSandboxProvider", () => {
  it("is local without E2B configuration, one per process, and runs commands", async () => {
    const { getSandboxProvider, assertSandboxAvailable } = await freshIndex({
      SANDBOX_PROVIDER: undefined,
      E2B_API_KEY: undefined,
      SANDBOX_ROOT,
    });
    const provider = getSandboxProvider();
    expect(provider.name).toBe("local");
    expect(getSandboxProvider()).toBe(provider);
    await assertSandboxAvailable();
    const sandbox = await provider.create();
    expect((await sandbox.commands.run("cat index.html")).stdout).toContain("<title>New Ollio app</title>");
    await sandbox.kill();
  });

  it("is E2B when an API key is set", async () => {
    const { getSandboxProvider } = await freshIndex({ SANDBOX_PROVIDER: undefined, E2B_API_KEY: "e2b_test" });
    expect(getSandboxProvider().name).toBe("e2b");
  });

  it("refuses E2B without an API key, saying which variable is missing", async () => {
    const { getSandboxProvider, assertSandboxAvailable } = await freshIndex({ SANDBOX_PROVIDER: "e2b", E2B_API_KEY: undefined });
    await expect(assertSandboxAvailable()).rejects.toThrow(/E2B_API_KEY/);
    await expect(getSandboxProvider().create()).rejects.toMatchObject({ code: "unavailable" });
  });
});
