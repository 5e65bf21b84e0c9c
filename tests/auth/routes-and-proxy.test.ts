import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { localAccountsProxy } from "@/modules/auth/local-accounts-proxy";
import { isGatedPage, safeNextPath, withNext } from "@/modules/auth/routes";
import { clientAddressFrom } from "@/modules/auth/server/client-address";
import {
  isHttpsRequest,
  SECURE_SESSION_COOKIE_NAME,
  SESSION_COOKIE_NAME,
  sessionCookie,
  sessionTokenFrom,
} from "@/modules/auth/session-cookie";

describe("safeNextPath", () => {
  it("keeps same-site relative paths with their query and hash", () => {
    expect(safeNextPath("/projects/abc?tab=code#top")).toBe("/projects/abc?tab=code#top");
    expect(safeNextPath("/")).toBe("/");
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "projects",
    "",
  ])("refuses %j", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  // Each is what `?next=` decodes to. Normalising some of them yields "//evil.example/x", which a
  // browser reads as another host; whatever comes back must stay on this origin.
  it.each([
    "/.//evil.example/x",
    "/..//evil.example/x",
    "/%2e//evil.example/x",
    "/.%2e//evil.example/x",
    "/a/..//evil.example/x",
    "/a/b/../..//evil.example/x",
    "/./\\evil.example/x",
    "/.\\/evil.example/x",
    "\\\\evil.example/x",
    "/\\\\evil.example/x",
    "\\/evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r\n//evil.example/x",
    "/%09/evil.example/x",
    "/%0a//evil.example/x",
    "/%2F/evil.example/x",
    "/%5C/evil.example/x",
  ])("always returns a same-origin path for %j", (next) => {
    const result = safeNextPath(next);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(result.startsWith("/\\")).toBe(false);
    // Where a browser lands when the Location header is this path.
    const app = "https://ollio.example";
    expect(new URL(result, app).origin).toBe(app);
    expect(new URL(new URL(result, app).href).host).toBe("ollio.example");
  });

  it("refuses non-strings (e.g. a repeated ?next=)", () => {
    expect(safeNextPath(["/a", "/b"])).toBe("/");
    expect(safeNextPath(null, "/fallback")).toBe("/fallback");
  });
});

describe("isGatedPage", () => {
  it("leaves the landing page, the auth pages and every API route alone", () => {
    for (const path of ["/", "/sign-in", "/sign-in/factor-one", "/sign-up", "/api/trpc/projects.list", "/api/inngest"]) {
      expect(isGatedPage(path), path).toBe(false);
    }
  });

  it("gates the app's pages", () => {
    for (const path of ["/projects", "/projects/abc", "/settings", "/sign-inx"]) expect(isGatedPage(path), path).toBe(true);
  });
});

describe("local accounts proxy", () => {
  const visit = (path: string, init: { cookie?: string; method?: string } = {}) =>
    localAccountsProxy(
      new NextRequest(`http://localhost:3000${path}`, {
        method: init.method ?? "GET",
        headers: init.cookie ? { cookie: init.cookie } : {},
      }),
    );

  it("sends a page visit without the session cookie to sign-in and back", () => {
    const response = visit("/projects/abc?tab=code");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost:3000/sign-in?next=%2Fprojects%2Fabc%3Ftab%3Dcode");
  });

  it("lets through visits with the cookie (validated later, on the server), public pages, API calls and POSTs", () => {
    for (const response of [
      visit("/projects", { cookie: `${SESSION_COOKIE_NAME}=anything` }),
      visit("/projects", { cookie: `${SECURE_SESSION_COOKIE_NAME}=anything` }),
      visit("/"),
      visit("/sign-in"),
      visit("/api/trpc/projects.list"),
      visit("/projects/abc", { method: "POST" }),
    ]) {
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("x-middleware-next")).toBe("1");
    }
  });
});

describe("withNext", () => {
  it("adds a safe, encoded next and drops a trivial or unsafe one", () => {
    expect(withNext("/sign-up", "/projects/a b")).toBe("/sign-up?next=%2Fprojects%2Fa%2520b");
    expect(withNext("/sign-up", "/")).toBe("/sign-up");
    expect(withNext("/sign-up", "//evil.example")).toBe("/sign-up");
  });
});

describe("session cookie", () => {
  const expiresAt = new Date("2030-01-01T00:00:00Z");

  it("over https is __Host-ollio_session: Secure, httpOnly, SameSite=Lax, Path=/, no Domain", () => {
    expect(sessionCookie(expiresAt, true)).toEqual({
      name: "__Host-ollio_session",
      options: { httpOnly: true, sameSite: "lax", secure: true, path: "/", expires: expiresAt },
    });
  });

  it("over plain http (localhost, a LAN box) is ollio_session without Secure, so it still comes back", () => {
    expect(sessionCookie(expiresAt, false)).toEqual({
      name: "ollio_session",
      options: { httpOnly: true, sameSite: "lax", secure: false, path: "/", expires: expiresAt },
    });
  });

  it("counts a request as https when it says so, or in production behind an https APP_URL", () => {
    const local = { nodeEnv: "development", appUrl: "http://localhost:3000" };
    expect(isHttpsRequest({ ...local, forwardedProto: "http" })).toBe(false);
    expect(isHttpsRequest({ ...local, forwardedProto: null })).toBe(false);
    expect(isHttpsRequest({ ...local, forwardedProto: "https" })).toBe(true);
    expect(isHttpsRequest({ ...local, forwardedProto: "https, http" })).toBe(true);
    expect(isHttpsRequest({ nodeEnv: "production", appUrl: "https://ollio.example", forwardedProto: null })).toBe(true);
    expect(isHttpsRequest({ nodeEnv: "production", appUrl: "http://192.168.1.10:3000", forwardedProto: "http" })).toBe(false);
    expect(isHttpsRequest({ nodeEnv: "development", appUrl: "https://ollio.example", forwardedProto: "http" })).toBe(false);
  });

  it("is read under either name, the __Host- one first", () => {
    const jar = (values: Record<string, string>) => ({ get: (name: string) => (name in values ? { value: values[name]! } : undefined) });
    expect(sessionTokenFrom(jar({ ollio_session: "plain" }))).toBe("plain");
    expect(sessionTokenFrom(jar({ "__Host-ollio_session": "secure" }))).toBe("secure");
    expect(sessionTokenFrom(jar({ ollio_session: "plain", "__Host-ollio_session": "secure" }))).toBe("secure");
    expect(sessionTokenFrom(jar({}))).toBeUndefined();
  });
});

describe("clientAddressFrom", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("takes the entry added by the nearest proxy, not what the client claimed", () => {
    expect(clientAddressFrom(headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddressFrom(headers({ "x-real-ip": "198.51.100.8" }))).toBe("198.51.100.8");
    expect(clientAddressFrom(headers({}))).toBeNull();
  });
});
