import { clerkMiddleware } from "@clerk/nextjs/server";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { env } from "@/env";
import { clerkFrontendOrigin, contentSecurityPolicy, createNonce } from "@/lib/content-security-policy";
import { providers } from "@/lib/providers";
import { localAccountsProxy } from "@/modules/auth/local-accounts-proxy";
import { isGatedPage, SIGN_IN_PATH, SIGN_UP_PATH } from "@/modules/auth/routes";
import { isHttpsRequest } from "@/modules/auth/session-cookie";

/**
 * Runs before every matched request (Next 16's proxy, formerly middleware). It redirects
 * signed-out page visits to sign-in (real checks happen on the server) and gives every page its
 * Content-Security-Policy with a fresh nonce: Next reads the nonce from the request's
 * Content-Security-Policy header and puts it on its own inline scripts. API routes pass through
 * untouched: tRPC answers UNAUTHORIZED itself. With Clerk, clerkMiddleware must still run on
 * them, or `auth()` in those handlers would fail.
 */
const clerkOrigin = providers.auth === "clerk" ? clerkFrontendOrigin(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) : null;

/** The page's CSP and the request headers that carry its nonce to the render; null for API routes. */
function pageSecurity(request: NextRequest): { policy: string; requestHeaders: Headers } | null {
  const { pathname } = request.nextUrl;
  if (pathname === "/api" || pathname.startsWith("/api/") || pathname.startsWith("/trpc")) return null;
  const nonce = createNonce();
  const https =
    request.nextUrl.protocol === "https:" ||
    isHttpsRequest({ forwardedProto: request.headers.get("x-forwarded-proto"), nodeEnv: env.NODE_ENV, appUrl: env.APP_URL });
  const policy = contentSecurityPolicy({
    nonce,
    previewOrigin: env.PREVIEW_ORIGIN,
    development: env.NODE_ENV === "development",
    https,
    e2b: providers.sandbox === "e2b",
    clerkOrigin,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  return { policy, requestHeaders };
}

function withPolicy<T extends Response>(response: T, security: { policy: string } | null): T {
  if (security) response.headers.set("Content-Security-Policy", security.policy);
  return response;
}

const clerkProxy =
  providers.auth === "clerk"
    ? // Our own path rule instead of Clerk's createRouteMatcher, which Clerk 7 deprecates.
      clerkMiddleware(
        async (auth, request) => {
          if (isGatedPage(request.nextUrl.pathname)) await auth.protect();
          const security = pageSecurity(request);
          if (security) return withPolicy(NextResponse.next({ request: { headers: security.requestHeaders } }), security);
        },
        { signInUrl: SIGN_IN_PATH, signUpUrl: SIGN_UP_PATH },
      )
    : null;

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (clerkProxy) return clerkProxy(request, event);
  const security = pageSecurity(request);
  return withPolicy(localAccountsProxy(request, security?.requestHeaders), security);
}

export const config = {
  matcher: [
    // Everything except Next internals, static files (by extension) and the poll...
    "/((?!_next|api/poll/|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest|txt|xml|map)).*)",
    // ...and always API routes, so Clerk's auth() works in their handlers...
    "/(api(?!/poll/)|trpc)(.*)",
    // ...the poll too, unless the browser's build has no Clerk (POLL_WITHOUT_PROXY_HEADER in
    // src/modules/generation/ui/fetch-poll.ts): then the proxy would only pass it through, for
    // ~0.8 ms of server CPU per poll. The route authenticates by itself either way; the header only
    // decides whether Clerk's middleware runs (sent to a Clerk server, auth() fails: a 500).
    { source: "/api/poll/:path*", missing: [{ type: "header", key: "x-ollio-auth", value: "local" }] },
  ],
};
