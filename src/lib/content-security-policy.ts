/**
 * The Content-Security-Policy of Ollio's own pages (the preview server sends its own, see
 * preview-headers.ts). Scripts run only with this response's nonce ('strict-dynamic' lets those
 * load Next's chunks), so injected markup cannot run script. Styles allow inline: React and
 * the libraries we use set style attributes, and styles cannot run code. Frames may show only
 * the preview origin (and E2B's hosts for live sandboxes); nobody may frame Ollio.
 */
export type CspOptions = {
  nonce: string;
  previewOrigin: string;
  /** `next dev` evaluates code (React's dev tools, fast refresh). */
  development: boolean;
  https: boolean;
  /** Live E2B sandboxes are framed from their own hosts. */
  e2b: boolean;
  /** Clerk's Frontend API origin when Clerk is configured. */
  clerkOrigin: string | null;
};

/**
 * What the preview iframe may show. `frame-src` is checked on every navigation of the frame, the
 * preview's own `location = …` included, so a preview cannot take its frame to another site.
 */
export function previewFrameSources(previewOrigin: string, e2b: boolean): string[] {
  return [new URL(previewOrigin).origin, ...(e2b ? ["https://*.e2b.app", "https://*.e2b.dev"] : [])];
}

export function contentSecurityPolicy({ nonce, previewOrigin, development, https, e2b, clerkOrigin }: CspOptions): string {
  const clerk = clerkOrigin ? [clerkOrigin] : [];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : []), ...clerk],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "blob:", "data:", ...(clerkOrigin ? ["https://img.clerk.com"] : [])],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...clerk],
    "frame-src": [...previewFrameSources(previewOrigin, e2b), ...(clerkOrigin ? ["https://challenges.cloudflare.com"] : [])],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/** A fresh nonce for one response: 16 random bytes, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Clerk's Frontend API origin, read from the publishable key (`pk_<env>_<base64 of "host$">`),
 * or null when there is no usable key.
 */
export function clerkFrontendOrigin(publishableKey: string | undefined): string | null {
  const encoded = publishableKey?.split("_")[2];
  if (!encoded) return null;
  try {
    const host = Buffer.from(encoded, "base64").toString("utf8").replace(/\$$/, "");
    return /^[a-z0-9.-]+$/i.test(host) ? `https://${host}` : null;
  } catch {
    return null;
  }
}
