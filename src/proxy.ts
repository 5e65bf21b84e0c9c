import { clerkMiddleware } from "@clerk/nextjs/server";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { env } from "@/env";
import { providers } from "@/lib/providers";
import { localAccountsProxy } from "@/modules/auth/local-accounts-proxy";
import { isGatedPage, SIGN_IN_PATH, SIGN_UP_PATH } from "@/modules/auth/routes";
import { E2B_SANDBOX_ORIGINS, framesPreviews, previewFramePolicy } from "@/modules/preview/server/frame-policy";

/**
 * Runs before every matched request (Next 16's proxy, formerly middleware). It only redirects
 * signed-out page visits to sign-in; real checks happen on the server. API routes pass through:
 * tRPC answers UNAUTHORIZED itself. With Clerk, clerkMiddleware must still run on them, or
 * `auth()` in those handlers would fail.
 */
const clerkProxy =
  providers.auth === "clerk"
    ? // Our own path rule instead of Clerk's createRouteMatcher, which Clerk 7 deprecates.
      clerkMiddleware(
        async (auth, request) => {
          if (isGatedPage(request.nextUrl.pathname)) await auth.protect();
        },
        { signInUrl: SIGN_IN_PATH, signUpUrl: SIGN_UP_PATH },
      )
    : null;

// Here, not in next.config.ts: PREVIEW_ORIGIN is read at run time, and headers() at build time.
const framePolicy = previewFramePolicy(env.PREVIEW_ORIGIN, providers.sandbox === "e2b" ? E2B_SANDBOX_ORIGINS : []);

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const response = clerkProxy ? await clerkProxy(request, event) : localAccountsProxy(request);
  if (!framesPreviews(request.nextUrl.pathname)) return response;
  const withPolicy = response ?? NextResponse.next();
  if (withPolicy.status >= 300 && withPolicy.status < 400) return withPolicy; // a redirect frames nothing
  // The preview frame may only ever show previews (frame-policy.ts).
  withPolicy.headers.set("Content-Security-Policy", framePolicy);
  return withPolicy;
}

export const config = {
  matcher: [
    // Everything except Next internals and static files (by extension)...
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest|txt|xml|map)).*)",
    // ...and always API routes, so Clerk's auth() works in their handlers.
    "/(api|trpc)(.*)",
  ],
};
