import { clerkMiddleware } from "@clerk/nextjs/server";
import type { NextFetchEvent, NextRequest } from "next/server";
import { providers } from "@/lib/providers";
import { localAccountsProxy } from "@/modules/auth/local-accounts-proxy";
import { isGatedPage, SIGN_IN_PATH, SIGN_UP_PATH } from "@/modules/auth/routes";

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

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  return clerkProxy ? clerkProxy(request, event) : localAccountsProxy(request);
}

export const config = {
  matcher: [
    // Everything except Next internals and static files (by extension)...
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest|txt|xml|map)).*)",
    // ...and always API routes, so Clerk's auth() works in their handlers.
    "/(api|trpc)(.*)",
  ],
};
