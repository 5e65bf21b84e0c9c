/**
 * Headers on every preview response. The preview runs code an AI wrote, so it is treated as
 * hostile: it lives on its own origin, and the CSP `sandbox` directive gives it an opaque origin
 * even when opened directly (no cookies, no storage shared with anything). Its fetches may only
 * reach its own files — never the app — and only the app may frame it.
 */
export function previewHeaders(appOrigin: string): Record<string, string> {
  const csp = [
    "default-src 'self' 'unsafe-inline' data: blob:",
    "connect-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${appOrigin}`,
    // Popups escape the sandbox so a link to a real site works there; they still get no
    // window.opener back to Ollio, whose pages send COOP same-origin (next.config.ts).
    "sandbox allow-scripts allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // The sandboxed page has an opaque origin, so its own scripts, styles and images are
    // cross-origin loads to the browser: same-origin or same-site would block them all
    // (measured in Chromium). For the same reason its fetch() of its own files needs CORS. Both
    // expose nothing new: these files are readable by anyone with the URL, and carry no cookies.
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Access-Control-Allow-Origin": "*",
  };
}

/** A fragment never changes once saved: its files can be cached for good. */
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
/** A missing fragment may exist a moment later (its row is being written). */
export const NO_STORE = "no-store";
/**
 * Anything served under a share link: the link may be revoked or expire at any moment, so no
 * browser or proxy may reuse a response — each request goes back to the server, which checks.
 */
export const REVOCABLE = "no-store";
