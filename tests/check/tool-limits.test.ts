import { afterAll, describe, expect, it } from "vitest";
import { CODE_AGENT_SYSTEM_PROMPT } from "@/modules/generation/server/agent/system-prompt";
import { createAgentTools } from "@/modules/generation/server/agent/tools";
import { localProviderFixture } from "../sandbox/local-provider-fixture";

const fixture = await localProviderFixture();
afterAll(() => fixture.cleanup());

async function toolsFor() {
  const sandbox = await fixture.provider.create();
  const tools = createAgentTools({ sandbox, commandTimeoutMs: 10_000, report: () => {}, isStopped: () => false, admitToolCall: () => true, maxToolCallsPerTurn: 8 });
  const call = (name: string, input: unknown) =>
    (tools.find((t) => t.name === name)!.handler as unknown as (input: unknown) => Promise<string>)(input);
  return { sandbox, call };
}

describe("the agent is told its limits", () => {
  it("in the system prompt", () => {
    expect(CODE_AGENT_SYSTEM_PROMPT).toContain("at most 50 files per createOrUpdateFiles or readFiles call");
    expect(CODE_AGENT_SYSTEM_PROMPT).toContain("at most 512 KB per file, 200 files and 16 MB in the whole app directory");
    expect(CODE_AGENT_SYSTEM_PROMPT).toContain("at most 2 MB of text files in the finished version");
    expect(CODE_AGENT_SYSTEM_PROMPT).toContain("at most 4000 characters per terminal command");
  });

  it("and every refusal names the limit it hit", async () => {
    const { sandbox, call } = await toolsFor();
    const many = Array.from({ length: 51 }, (_, i) => ({ path: `f${i}.txt`, content: "x" }));
    expect(await call("createOrUpdateFiles", { files: many })).toBe(
      "Error: 51 files in one call; the limit is 50 files per call. Nothing was done: split them into calls of at most 50.",
    );
    expect(await call("readFiles", { files: many.map((f) => f.path) })).toContain("the limit is 50 files per call");
    expect(await call("createOrUpdateFiles", { files: [{ path: "big.js", content: "x".repeat(600 * 1024) }] })).toContain(
      'File "big.js" is 600 KB; the limit is 512 KB per file. Split it into smaller files.',
    );
    expect(await call("terminal", { command: `echo ${"x".repeat(4100)}` })).toBe(
      "Error: the command is 4105 characters long; the limit is 4000 characters per command. Write long content with createOrUpdateFiles instead.",
    );
    await sandbox.kill();
  });
});
