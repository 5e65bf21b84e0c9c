import { type NextFetchEvent, NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { clerkFrontendOrigin, contentSecurityPolicy } from "@/lib/content-security-policy";
import { SESSION_COOKIE_NAME } from "@/modules/auth/session-cookie";
import proxy from "@/proxy";

const PREVIEW_ORIGIN = process.env.PREVIEW_ORIGIN ?? "http://localhost:3001";

async function visit(path: string, headers: Record<string, string> = {}) {
  const request = new NextRequest(`http://localhost:3000${path}`, { headers });
  // Only clerkMiddleware uses the fetch event; local accounts (these tests) never do.
  return (await proxy(request, undefined as unknown as NextFetchEvent)) as Response;
}

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `)) ?? "";

describe("Content-Security-Policy of the app's pages", () => {
  it("gives each page response a fresh nonce and hands the same policy to the render (Next reads the nonce there)", async () => {
    const first = await visit("/projects", { cookie: `${SESSION_COOKIE_NAME}=x` });
    const second = await visit("/");
    const policies = [first, second].map((response) => response.headers.get("content-security-policy") ?? "");
    const nonces = policies.map((policy) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1]);

    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonces[1]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonces[0]).not.toBe(nonces[1]);
    // NextResponse.next({ request: { headers } }) forwards these to the page render.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policies[0]);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonces[0]);
  });

  it("runs only nonce'd scripts, frames only the preview origin and cannot itself be framed", async () => {
    const policy = (await visit("/")).headers.get("content-security-policy")!;
    expect(directive(policy, "script-src")).toMatch(/^script-src 'self' 'nonce-[^']+' 'strict-dynamic'$/);
    expect(directive(policy, "script-src")).not.toContain("unsafe-inline");
    expect(directive(policy, "frame-src")).toBe(`frame-src ${new URL(PREVIEW_ORIGIN).origin}`);
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
    expect(directive(policy, "form-action")).toBe("form-action 'self'");
  });

  it("is also on the redirect to sign-in, and not on API routes (tRPC answers JSON)", async () => {
    const redirect = await visit("/projects");
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect((await visit("/api/trpc/projects.list")).headers.get("content-security-policy")).toBeNull();
  });

  it("adapts to development, https, E2B live sandboxes and Clerk", () => {
    const base = { nonce: "abc", previewOrigin: "https://preview.ollio.example/", development: false, https: false, e2b: false, clerkOrigin: null };
    expect(directive(contentSecurityPolicy(base), "frame-src")).toBe("frame-src https://preview.ollio.example");
    expect(contentSecurityPolicy({ ...base, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy(base)).not.toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ ...base, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy(base)).not.toContain("upgrade-insecure-requests");
    expect(directive(contentSecurityPolicy({ ...base, e2b: true }), "frame-src")).toContain("https://*.e2b.app");
    const clerk = contentSecurityPolicy({ ...base, clerkOrigin: "https://fit-owl-1.clerk.accounts.dev" });
    expect(directive(clerk, "script-src")).toContain("https://fit-owl-1.clerk.accounts.dev");
    expect(directive(clerk, "connect-src")).toContain("https://fit-owl-1.clerk.accounts.dev");
  });

  it("finds Clerk's Frontend API host in a publishable key", () => {
    const key = `pk_test_${Buffer.from("fit-owl-1.clerk.accounts.dev$").toString("base64")}`;
    expect(clerkFrontendOrigin(key)).toBe("https://fit-owl-1.clerk.accounts.dev");
    expect(clerkFrontendOrigin(undefined)).toBeNull();
    expect(clerkFrontendOrigin("pk_test_!!!")).toBeNull();
  });
});
