/**
 * The local-accounts session cookie. Its names live apart from the server code because the proxy
 * checks for the cookie's presence (only presence: validation is always server-side).
 *
 * Over https the cookie is `__Host-ollio_session`: browsers accept that name only with Secure,
 * Path=/ and no Domain, so no subdomain, plain-http page or network attacker can set or
 * overwrite it. Plain http (localhost, a LAN box without TLS) cannot have Secure cookies, so
 * there it is `ollio_session`. Readers accept both, the prefixed one first.
 */
export const SESSION_COOKIE_NAME = "ollio_session";
export const SECURE_SESSION_COOKIE_NAME = "__Host-ollio_session";
export const SESSION_COOKIE_NAMES = [SECURE_SESSION_COOKIE_NAME, SESSION_COOKIE_NAME] as const;

export type RequestSecurity = {
  /** The request's X-Forwarded-Proto (Next fills it in from the socket when no proxy did). */
  forwardedProto: string | null | undefined;
  nodeEnv: string;
  appUrl: string;
};

/**
 * True when the browser reached us over https: the request says so, or (production with an
 * https APP_URL) a TLS-terminating proxy in front did not say but everyone arrives over https.
 */
export function isHttpsRequest({ forwardedProto, nodeEnv, appUrl }: RequestSecurity): boolean {
  // The first entry is the hop the browser talked to.
  if (forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return nodeEnv === "production" && new URL(appUrl).protocol === "https:";
}

/** Name and attributes of a new session cookie: httpOnly, SameSite=Lax, Path=/, and on https Secure with the __Host- name. */
export function sessionCookie(expiresAt: Date, https: boolean) {
  return {
    name: https ? SECURE_SESSION_COOKIE_NAME : SESSION_COOKIE_NAME,
    options: { httpOnly: true, sameSite: "lax" as const, secure: https, path: "/", expires: expiresAt },
  };
}

/** The session token a request carries, whichever of the two names it came under. */
export function sessionTokenFrom(cookies: { get(name: string): { value: string } | undefined }): string | undefined {
  for (const name of SESSION_COOKIE_NAMES) {
    const value = cookies.get(name)?.value;
    if (value) return value;
  }
  return undefined;
}
