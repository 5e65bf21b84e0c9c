import { readFileSync } from "node:fs";
import { localProviderFixture } from "/work/wt/result-check/tests/sandbox/local-provider-fixture";
import { checkApp } from "@/modules/sandbox/server/port";
import { previewHeaders } from "@/modules/preview/server/preview-headers";
const f = await localProviderFixture(JSON.parse(process.env.LIMITS ?? "{}"));
const sb = await f.provider.create();
if (process.argv[2]) await sb.files.write("index.html", readFileSync(process.argv[2], "utf8"));
for (let i = 0; i < Number(process.env.N ?? 1); i++) {
const t = Date.now();
const res = await checkApp(sb, { headers: previewHeaders("http://127.0.0.1:3000") });
if (res.kind === "checked") for (const v of res.viewports) { if (v.screenshot) { (v.screenshot as any).data = v.screenshot.data.length; } }
console.log(Date.now() - t, "ms", JSON.stringify(res).slice(0, Number(process.env.C ?? 3000)));
}
await f.cleanup();
