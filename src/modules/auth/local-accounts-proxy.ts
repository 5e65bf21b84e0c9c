import { type NextRequest, NextResponse } from "next/server";
import { isGatedPage, SIGN_IN_PATH, withNext } from "./routes";
import { SESSION_COOKIE_NAME } from "./session-cookie";

/**
 * The proxy's job for local accounts: send page visits without a session cookie to sign-in, then
 * back. Presence only: the cookie is validated on the server (getCurrentAuth) on every request,
 * so a stale cookie just reaches the page, which redirects itself.
 */
export function localAccountsProxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const isPageVisit = request.method === "GET" || request.method === "HEAD";
  if (!isPageVisit || !isGatedPage(pathname) || request.cookies.has(SESSION_COOKIE_NAME)) {
    return NextResponse.next();
  }
  return NextResponse.redirect(new URL(withNext(SIGN_IN_PATH, `${pathname}${search}`), request.url));
}
