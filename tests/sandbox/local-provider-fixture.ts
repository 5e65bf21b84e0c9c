import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CommandLimits } from "@/modules/sandbox/server/local/limits";
import { LocalSandboxProvider, type LocalProviderOptions } from "@/modules/sandbox/server/local/local-provider";

/** A real local provider over a throw-away SANDBOX_ROOT, removed by `cleanup()`. */
export async function localProviderFixture(limits: Partial<CommandLimits> = {}, options: Pick<LocalProviderOptions, "mountWorkspaces"> = {}) {
  const root = await mkdtemp(path.join(os.tmpdir(), "ollio-sandbox-test-"));
  const provider = new LocalSandboxProvider({
    root,
    templatesDir: path.resolve(import.meta.dirname, "../../sandbox-templates"),
    limits,
    ...options,
  });
  await provider.ready();
  return {
    root,
    provider,
    /** Host path of a sandbox's workspace (tests look at it from outside). */
    workspaceOf: (sandboxId: string) => path.join(root, "sandboxes", sandboxId, "app"),
    cleanup: async () => {
      await provider.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
