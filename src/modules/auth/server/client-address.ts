/**
 * The client's address for rate limiting. Uses the *last* X-Forwarded-For entry: it is the one
 * added by the proxy directly in front of Ollio, while earlier entries are whatever the client
 * sent. Without any proxy the header is client-controlled (Next only fills it in when absent), so
 * the per-address limit is best effort there; the per-email limit does not depend on it.
 */
export function clientAddressFrom(headers: { get(name: string): string | null }): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || null;
}
