/**
 * The addresses browsers use for the app and its previews. Unset, they follow PORT and
 * PREVIEW_PORT on localhost, so `PORT=3400 PREVIEW_PORT=3401 npm start` works as it reads: with
 * env.ts's fixed defaults (localhost:3000 and :3001) the app refused its own page's writes as
 * cross-origin and framed previews from a port nothing listened on. Set them when browsers
 * reach Ollio by another name (a domain, a LAN address, a proxy).
 */
export function publicOrigins(env: Record<string, string | undefined>): { APP_URL: string; PREVIEW_ORIGIN: string } {
  return {
    APP_URL: env.APP_URL || `http://localhost:${env.PORT || "3000"}`,
    PREVIEW_ORIGIN: env.PREVIEW_ORIGIN || `http://localhost:${env.PREVIEW_PORT || "3001"}`,
  };
}
