import { type NextRequest, NextResponse } from "next/server";
import { isGatedPage, SIGN_IN_PATH, withNext } from "./routes";
import { SESSION_COOKIE_NAMES } from "./session-cookie";

/**
 * The proxy's job for local accounts: send page visits without a session cookie to sign-in, then
 * back. Presence only: the cookie is validated on the server (getCurrentAuth) on every request,
 * so a stale cookie just reaches the page, which redirects itself. `requestHeaders` (the CSP
 * nonce) are passed on to the page.
 */
export function localAccountsProxy(request: NextRequest, requestHeaders?: Headers): NextResponse {
  const { pathname, search } = request.nextUrl;
  const isPageVisit = request.method === "GET" || request.method === "HEAD";
  const hasSessionCookie = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  if (!isPageVisit || !isGatedPage(pathname) || hasSessionCookie) {
    return NextResponse.next(requestHeaders ? { request: { headers: requestHeaders } } : undefined);
  }
  return NextResponse.redirect(new URL(withNext(SIGN_IN_PATH, `${pathname}${search}`), request.url));
}
