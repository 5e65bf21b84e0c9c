import { NextRequest, type NextFetchEvent } from "next/server";
import { describe, expect, it } from "vitest";
import proxy from "@/proxy";
import { SESSION_COOKIE_NAME } from "@/modules/auth/session-cookie";

// The proxy puts a CSP on Ollio's pages whose frame-src lets the preview frame show nothing but
// previews; the browser effect of that directive is checked in preview-departure-browser.test.ts.
async function frameSrcOf(path: string) {
  const request = new NextRequest(`http://localhost:3000${path}`, { headers: { cookie: `${SESSION_COOKIE_NAME}=x` } });
  const response = await proxy(request, {} as NextFetchEvent);
  const policy = response?.headers.get("content-security-policy") ?? "";
  return policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("frame-src"));
}

describe("the frame policy on Ollio's pages", () => {
  it("a project page may frame only the preview origin", async () => {
    expect(await frameSrcOf("/projects/abc123")).toBe("frame-src http://localhost:3001");
  });

  it("so may every other page of the app", async () => {
    expect(await frameSrcOf("/projects")).toBe("frame-src http://localhost:3001");
    expect(await frameSrcOf("/")).toBe("frame-src http://localhost:3001");
  });
});
