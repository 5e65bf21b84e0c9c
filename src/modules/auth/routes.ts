/**
 * Which paths need a signed-in user, and where auth sends people. Pure functions: the proxy,
 * the auth pages and the server actions all read the same rules.
 */
export const SIGN_IN_PATH = "/sign-in";
export const SIGN_UP_PATH = "/sign-up";
export const AFTER_SIGN_OUT_PATH = "/";

/**
 * Pages anyone may open. The landing page "/" shows a sign-in call to action when signed out;
 * an invitation page shows whose team it is for before asking the visitor to sign in or up.
 */
const PUBLIC_PAGES = ["/", SIGN_IN_PATH, SIGN_UP_PATH, "/invitations", "/s"] as const;

/**
 * True for pages the proxy sends signed-out visitors away from. API routes are never gated here:
 * tRPC answers UNAUTHORIZED itself, /api/inngest authenticates by signature, and every other
 * handler checks the session on the server (the proxy's check is only a convenience redirect).
 */
export function isGatedPage(pathname: string): boolean {
  if (pathname === "/api" || pathname.startsWith("/api/")) return false;
  return !PUBLIC_PAGES.some((page) => pathname === page || (page !== "/" && pathname.startsWith(`${page}/`)));
}

// Control characters (tabs, newlines) are dropped by URL parsers and could rebuild "//host".
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/;
const BASE = "http://same-site.invalid";

/** A path a browser resolves on this origin: starts with one "/", never "//" or "/\\", no control characters. */
function isSameSitePath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return false;
  if (CONTROL_CHARACTERS.test(path)) return false;
  return new URL(path, BASE).origin === BASE;
}

/**
 * The `?next=` target if it is a same-site relative path, else `fallback`. Refuses absolute and
 * protocol-relative URLs (`//evil.example`, `/\\evil.example`) so sign-in cannot be an open redirect.
 * The normalised result is checked again: normalising can itself produce "//host" from a harmless
 * looking input ("/.//evil.example", "/%2e//evil.example", "/a/..//evil.example").
 */
export function safeNextPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || !isSameSitePath(next)) return fallback;
  const url = new URL(next, BASE);
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  return isSameSitePath(normalised) ? normalised : fallback;
}

/**
 * `path?next=<returnTo>` (e.g. "/sign-in?next=/projects/abc"), leaving out a next of "/".
 * `email` pre-fills the form (an invitation link knows which address it is for).
 */
export function withNext(path: string, returnTo: string, { email }: { email?: string } = {}): string {
  const next = safeNextPath(returnTo);
  const params = new URLSearchParams();
  if (next !== "/") params.set("next", next);
  if (email) params.set("email", email);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The `?email=` pre-fill if it is a plausible address, else undefined. */
export function prefillEmail(value: unknown): string | undefined {
  return typeof value === "string" && value.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(value) ? value : undefined;
}
