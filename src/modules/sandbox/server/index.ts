import { env } from "@/env";
import { providers } from "@/lib/providers";
import { SandboxError, type CreateSandboxOptions, type Sandbox, type SandboxProvider } from "./port";

export * from "./port";
export { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES } from "./paths";

type Adapter = SandboxProvider & { ready?: () => Promise<unknown> };
// One per process, kept across dev hot reloads (a second local provider would run a second reaper).
const store = globalThis as unknown as { ollioSandbox?: { provider: SandboxProvider; adapter?: Promise<Adapter> } };

/**
 * The sandbox provider chosen by configuration (providers.sandbox: SANDBOX_PROVIDER, else e2b
 * when E2B_API_KEY is set, else local). Adapters load on first use, so running locally never
 * loads the E2B SDK and vice versa.
 */
export function getSandboxProvider(): SandboxProvider {
  return singleton().provider;
}

/**
 * Checks now that sandboxes can run (for start-up): for local, bwrap is installed and a trial
 * sandbox works. Rejects with a SandboxError naming what is missing.
 */
export async function assertSandboxAvailable(): Promise<void> {
  await (await loadAdapter()).ready?.();
}

function singleton() {
  store.ollioSandbox ??= {
    provider: {
      name: providers.sandbox,
      create: async (options?: CreateSandboxOptions): Promise<Sandbox> => (await loadAdapter()).create(options),
      connect: async (sandboxId: string): Promise<Sandbox> => (await loadAdapter()).connect(sandboxId),
    },
  };
  return store.ollioSandbox;
}

function loadAdapter(): Promise<Adapter> {
  const state = singleton();
  state.adapter ??= providers.sandbox === "e2b" ? loadE2b() : loadLocal();
  return state.adapter;
}

async function loadLocal(): Promise<Adapter> {
  const { LocalSandboxProvider } = await import("./local/local-provider");
  return new LocalSandboxProvider({ root: env.SANDBOX_ROOT });
}

async function loadE2b(): Promise<Adapter> {
  if (!env.E2B_API_KEY) {
    throw new SandboxError("SANDBOX_PROVIDER=e2b needs E2B_API_KEY (an API key from https://e2b.dev/dashboard).", "unavailable");
  }
  const { E2bSandboxProvider } = await import("./e2b/e2b-provider");
  return new E2bSandboxProvider({ apiKey: env.E2B_API_KEY, template: env.E2B_TEMPLATE });
}
