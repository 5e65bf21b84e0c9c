import { describe, expect, it } from "vitest";
import { E2bSandboxProvider } from "@/modules/sandbox/server/e2b/e2b-provider";
import { checkApp } from "@/modules/sandbox/server/port";
import { PAGE_CHECK_SCRIPT } from "@/modules/sandbox/server/check/page-check-script";
import { FakeE2bSdk } from "../sandbox/fake-e2b-sdk";

// The same checkApp on the E2B adapter (its SDK replaced by the test double tests/sandbox uses):
// the command it sends, and a result with two large screenshots coming back whole.
describe("checkApp on the E2B adapter", () => {
  it("sends the script in one command under the page-check profile and reads back screenshots beyond 64 KB", async () => {
    const sdk = new FakeE2bSdk();
    const sandbox = await new E2bSandboxProvider({ apiKey: "e2b_test_key", template: "ollio-web", sdk }).create();
    const fake = sdk.sandboxes.get(sandbox.id)!;
    const shot = "A".repeat(200 * 1024); // ≈ 150 KB of JPEG as base64
    const viewport = (name: string) => ({ name, width: 1, height: 1, loaded: true, blank: false, problems: [], screenshot: { data: shot, width: 1, height: 1, bytes: 150 * 1024, quality: 60 } });
    const result = { ok: true, durationMs: 900, launchMs: 200, viewports: [viewport("desktop"), viewport("phone")], peak: { threads: 1, rssBytes: 1, privateBytes: 1 } };
    const line = `\n@@ollio-page-check@@${JSON.stringify(result)}\n`;
    fake.script = () => ({ stdout: line.match(/[\s\S]{1,65536}/g)! });

    const checked = await checkApp(sandbox, { headers: {} });
    expect(checked.kind).toBe("checked");
    if (checked.kind !== "checked") return;
    expect(checked.viewports.map((v) => v.screenshot?.data.length)).toEqual([shot.length, shot.length]);
    const [run] = fake.runs;
    expect(run!.cmd).toContain(PAGE_CHECK_SCRIPT);
    expect(run!.cwd).toBe("/home/user/app");
  });

  it("answers unavailable, not an exception, when the sandbox has no node", async () => {
    const sdk = new FakeE2bSdk();
    const sandbox = await new E2bSandboxProvider({ apiKey: "e2b_test_key", template: "ollio-web", sdk }).create();
    sdk.sandboxes.get(sandbox.id)!.script = () => ({ stderr: ["node is not installed in the sandbox\n"], exitCode: 127 });
    expect(await checkApp(sandbox, { headers: {} })).toEqual({
      kind: "unavailable",
      reason: "the check did not finish (it exited with code 127): node is not installed in the sandbox",
    });
  });
});
