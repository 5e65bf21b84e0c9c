/**
 * The local-accounts session cookie. Its name lives apart from the server code because the proxy
 * checks for the cookie's presence (only presence: validation is always server-side).
 */
export const SESSION_COOKIE_NAME = "ollio_session";

export type SessionCookieSettings = { nodeEnv: string; appUrl: string };

/**
 * httpOnly (no script access), SameSite=Lax (not sent on cross-site POSTs), Path=/, and Secure in
 * production when APP_URL is https://. A production box served over plain http:// (a LAN without
 * TLS) gets no Secure flag: the browser would drop such a cookie and nobody could sign in.
 */
export function sessionCookieOptions(expiresAt: Date, { nodeEnv, appUrl }: SessionCookieSettings) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: nodeEnv === "production" && new URL(appUrl).protocol === "https:",
    path: "/",
    expires: expiresAt,
  };
}
