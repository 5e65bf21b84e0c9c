import { NextRequest, type NextFetchEvent } from "next/server";
import { describe, expect, it } from "vitest";
import proxy from "@/proxy";
import { SESSION_COOKIE_NAME } from "@/modules/auth/session-cookie";

// The proxy is what puts previewFramePolicy on the pages that frame previews; the browser effect
// of that policy is checked in preview-departure-browser.test.ts.
function visit(path: string, signedIn = true) {
  const request = new NextRequest(`http://localhost:3000${path}`, {
    headers: signedIn ? { cookie: `${SESSION_COOKIE_NAME}=x` } : {},
  });
  return proxy(request, {} as NextFetchEvent);
}

describe("the frame policy on Ollio's pages", () => {
  it("a project page may frame only the preview origin", async () => {
    const response = await visit("/projects/abc123");
    expect(response?.headers.get("content-security-policy")).toBe("frame-src http://localhost:3001");
  });

  it("other pages and redirects are left alone", async () => {
    expect((await visit("/projects"))?.headers.get("content-security-policy")).toBeNull();
    const redirect = await visit("/projects/abc123", false);
    expect(redirect?.status).toBe(307);
    expect(redirect?.headers.get("content-security-policy")).toBeNull();
  });
});
