import type { Sandbox } from "@/modules/sandbox/server/port";

/**
 * Keeps a sandbox from expiring while a run still uses it: a long agent loop can outlast the
 * sandbox's own timeout (E2B kills it then), so its life is extended every third of that timeout.
 */
export function keepSandboxAlive(sandbox: Pick<Sandbox, "id" | "setTimeout">, timeoutMs: number) {
  const timer = setInterval(() => {
    sandbox.setTimeout(timeoutMs).catch((error: unknown) => {
      console.error(`[generation] could not extend sandbox ${sandbox.id}:`, error);
    });
  }, Math.max(1_000, Math.floor(timeoutMs / 3)));
  return { stop: () => clearInterval(timer) };
}
