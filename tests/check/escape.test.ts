import { readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPageCheck } from "@/modules/check/server/run-page-check";
import { previewHeaders } from "@/modules/preview/server/preview-headers";
import { checkApp } from "@/modules/sandbox/server/port";
import { localProviderFixture } from "../sandbox/local-provider-fixture";

// The checked page is hostile: it probes what it can reach from the sandbox's browser. Whatever
// it finds, it reports with console.error, which the check hands back as a problem.
const fixture = await localProviderFixture();
let hostServer: http.Server;
let hostPort = 0;
const hostHits: string[] = [];

beforeAll(async () => {
  // A host service on 127.0.0.1, like the app or a database would be.
  hostServer = http.createServer((req, res) => {
    hostHits.push(req.url ?? "");
    res.writeHead(200, { "access-control-allow-origin": "*" });
    res.end("host-secret");
  });
  await new Promise<void>((resolve) => hostServer.listen(0, "127.0.0.1", resolve));
  hostPort = (hostServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => hostServer.close(resolve));
  await fixture.cleanup();
});

const probePage = (port: number) => `<!doctype html><html><head><meta charset="utf-8"><title>probe</title></head><body><h1>Probe</h1>
<script>
async function probe(name, url) {
  try {
    const response = await fetch(url);
    const text = await response.text();
    return name + "=READ:" + text.slice(0, 40);
  } catch (error) {
    return name + "=blocked";
  }
}
(async () => {
  const results = await Promise.all([
    probe("host-app", "http://127.0.0.1:${port}/"),
    probe("host-localhost", "http://localhost:${port}/"),
    probe("host-3000", "http://127.0.0.1:3000/"),
    probe("postgres", "http://127.0.0.1:5432/"),
    probe("passwd", "file:///etc/passwd"),
    probe("shadow", "file:///etc/shadow"),
    probe("internet", "http://example.com/"),
  ]);
  console.error("probe " + results.join(" "));
})();
</script></body></html>`;

/**
 * The page check's processes on the host. `uid`: only those of one sandbox (as root every sandbox
 * has its own host uid), so page checks of other test files running at the same time do not count.
 */
function chromiumProcessesOnHost(uid?: number): string[] {
  const found: string[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (uid !== undefined && statSync(`/proc/${name}`).uid !== uid) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes("ollio-check-") || cmdline.includes("ollio-page-check")) found.push(`${name}: ${cmdline.slice(0, 120)}`);
    } catch {
      // exited
    }
  }
  return found;
}

describe("the page check's browser is confined to the sandbox", () => {
  // Once with the preview's CSP (what production uses), once with no header at all, so the
  // sandbox itself — not only the policy — is shown to stop every probe.
  it.each([
    ["the preview's headers", previewHeaders("http://localhost:3000")],
    ["no CSP at all", {}],
  ])("a hostile page reaches no host service, no file and no network (%s), and leaves no process behind", async (_label, headers) => {
    const sandbox = await fixture.provider.create();
    const sandboxUid = process.getuid?.() === 0 ? statSync(fixture.workspaceOf(sandbox.id)).uid : undefined;
    await sandbox.files.write("index.html", probePage(hostPort));
    // Watch the host's /proc while the check runs: the browser is visible there (so the probe
    // below would see a leftover), and gone once the check has returned.
    const seenDuring = new Set<string>();
    const watcher = setInterval(() => chromiumProcessesOnHost(sandboxUid).forEach((p) => seenDuring.add(p)), 50);
    const result = await checkApp(sandbox, { headers, maxProblemsPerViewport: 50 }).finally(() => clearInterval(watcher));
    expect(seenDuring.size).toBeGreaterThan(0);
    expect(result.kind).toBe("checked");
    if (result.kind !== "checked") return;
    for (const viewport of result.viewports) {
      const report = viewport.problems.find((p) => p.message.startsWith("probe "));
      expect(report, JSON.stringify(viewport.problems)).toBeDefined();
      const results = Object.fromEntries(report!.message.slice("probe ".length).split(" ").map((pair) => pair.split("=")));
      expect(results).toEqual({
        "host-app": "blocked",
        "host-localhost": "blocked",
        "host-3000": "blocked",
        postgres: "blocked",
        passwd: "blocked",
        shadow: "blocked",
        internet: "blocked",
      });
    }
    expect(hostHits).toEqual([]);
    expect(chromiumProcessesOnHost(sandboxUid)).toEqual([]);
    await sandbox.kill();
  });

  it("without Chromium in the sandbox the check is skipped with its reason", async () => {
    const sandbox = await fixture.provider.create();
    const result = await checkApp(sandbox, { headers: {}, chromiumCandidates: ["/usr/lib/no-such-browser/chrome"] });
    expect(result).toEqual({ kind: "unavailable", reason: expect.stringContaining("Chromium is not installed in the sandbox") });
    await sandbox.kill();
  });

  it("a page that never finishes loading is reported, and the check still ends within its budget", async () => {
    const sandbox = await fixture.provider.create();
    const sandboxUid = process.getuid?.() === 0 ? statSync(fixture.workspaceOf(sandbox.id)).uid : undefined;
    const files = { "index.html": "<!doctype html><title>loop</title><h1>Loop</h1><script>while (true) {}</script>" };
    await sandbox.files.write("index.html", files["index.html"]);
    const started = Date.now();
    const verdict = await runPageCheck(sandbox, files, { loadTimeoutMs: 2_000, budgetMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(verdict.status).toBe("problems");
    expect(verdict.problems).toContainEqual(
      expect.objectContaining({ kind: "load", message: expect.stringContaining("did not finish loading within 2 s") }),
    );
    expect(chromiumProcessesOnHost(sandboxUid)).toEqual([]);
    await sandbox.kill();
  });
});
