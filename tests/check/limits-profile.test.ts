import { afterAll, describe, expect, it } from "vitest";
import { localProviderFixture } from "../sandbox/local-provider-fixture";

const fixture = await localProviderFixture();
afterAll(() => fixture.cleanup());

describe("the local sandbox's page-check limits profile", () => {
  it("raises threads, /tmp and kept output for the check only; agent commands keep their limits", async () => {
    const sandbox = await fixture.provider.create();
    const probe = "ulimit -u; df -k /tmp | tail -1 | awk '{print $2}'; head -c 300000 /dev/zero | tr '\\0' x";
    const agent = await sandbox.commands.run(probe);
    const check = await sandbox.commands.run(probe, { profile: "page-check" });
    const [agentThreads, agentTmpKb] = agent.stdout.split("\n");
    const [checkThreads, checkTmpKb] = check.stdout.split("\n");
    expect([agentThreads, agentTmpKb]).toEqual(["256", String(64 * 1024)]);
    expect([checkThreads, checkTmpKb]).toEqual(["512", String(256 * 1024)]);
    expect(agent.truncated).toBe(true);
    expect(check.truncated).toBe(false);
    await sandbox.kill();
  });
});
