import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { contentTypeFor } from "./content-type";
import { fragmentFilesFromDb, type FragmentFileSource } from "./fragment-files";
import { withElementPicker } from "./element-picker";
import { withLocationReporter } from "./location-reporter";
import { IMMUTABLE_CACHE, NO_STORE, previewHeaders, REVOCABLE } from "./preview-headers";
import { isGrantToken } from "./preview-token";

export type PreviewServerOptions = {
  port: number;
  /** Interface to listen on. Default: env.HOST, the app's own (127.0.0.1 unless set). */
  host?: string;
  /** Default: env.APP_URL. Only this origin may frame previews. */
  appUrl?: string;
  /** Default: env.PREVIEW_ORIGIN. Must be another origin than the app's. */
  previewOrigin?: string;
  /** Default: the Fragment a token opens, from Postgres through `db`. */
  files?: FragmentFileSource;
};

export type PreviewServer = { url: string; close: () => Promise<void> };

/**
 * Serves `GET /p/<previewToken>/<path>` from the saved files of the Fragment the token opens, so a
 * preview keeps working after its sandbox is gone and across restarts. The token is the only
 * capability (256 random bits; row ids are never accepted): a version's own preview token, whose
 * responses are cached for good, or a share link's, checked for revocation and expiry on every
 * request and served `no-store`. A plain node:http server on its own
 * port (PREVIEW_PORT), hence its own origin: previews never share cookies or storage with the app.
 * HTML gets a one-line location reporter (location-reporter.ts) so the app can tell when its
 * frame left the preview.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const appUrl = options.appUrl ?? (await import("@/env")).env.APP_URL;
  const previewOrigin = options.previewOrigin ?? (await import("@/env")).env.PREVIEW_ORIGIN;
  const appOrigin = new URL(appUrl).origin;
  if (new URL(previewOrigin).origin === appOrigin) {
    throw new Error(
      `PREVIEW_ORIGIN (${previewOrigin}) must differ from the app's origin (${appOrigin}): generated code would otherwise run with the app's cookies. Serve previews on another port or host.`,
    );
  }
  const files = options.files ?? fragmentFilesFromDb((await import("@/lib/db/client")).db);
  const headers = previewHeaders(appOrigin);
  const host = options.host ?? (await import("@/env")).env.HOST;

  const server = createServer((request, response) => {
    handle(request, response, files, headers, appOrigin).catch(() => {
      if (!response.headersSent) send(response, 500, headers, "Preview unavailable.\n", NO_STORE);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return {
    url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  files: FragmentFileSource,
  headers: Record<string, string>,
  appOrigin: string,
) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    return send(response, 405, headers, "Method not allowed.\n", NO_STORE);
  }
  // The raw path, not new URL()'s: that would quietly resolve `..` and `%2e%2e` instead of refusing them.
  const pathname = (request.url ?? "/").split(/[?#]/, 1)[0]!;
  const match = /^\/p\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match || !isGrantToken(match[1]!)) return send(response, 404, headers, "Not found.\n", NO_STORE);
  const token = match[1]!;
  const filePath = match[2] === undefined ? null : filePathFrom(match[2]);
  if (match[2] !== undefined && filePath === null) return send(response, 404, headers, "Not found.\n", NO_STORE);

  // Looked up before anything else is answered, the redirect included: an unknown token gets the
  // same 404 whatever follows it.
  const found = await files(token);
  if (!found) return send(response, 404, headers, "Unknown preview.\n", NO_STORE);
  // A share link's responses must not outlive its revocation or expiry; a version's own token is forever.
  const [fragment, cache] = "revocable" in found ? [found.files, REVOCABLE] : [found, IMMUTABLE_CACHE];
  // Relative links in index.html resolve against the directory: /p/<token> must become /p/<token>/.
  if (filePath === null) {
    response.setHeader("Location", `/p/${token}/`);
    return send(response, 301, headers, "", cache);
  }
  const content = fragment.get(filePath);
  if (content === undefined) return send(response, 404, headers, "Not found.\n", cache);

  const type = contentTypeFor(filePath);
  response.setHeader("Content-Type", type);
  // The element picker only in the app's own preview, never in a share link's viewer.
  const revocable = cache === REVOCABLE;
  const body = type.startsWith("text/html") ? withLocationReporter(revocable ? content : withElementPicker(content, appOrigin), appOrigin) : content;
  return send(response, 200, headers, body, cache);
}

/**
 * "/a/b.css" → "a/b.css"; "/" or "/dir/" → its index.html. Null for anything that is not a plain
 * relative path: encoded slashes or NULs, `.` and `..` segments (files are looked up by exact key
 * in the saved map, so nothing can be reached outside it, but such URLs are refused outright).
 */
function filePathFrom(rest: string): string | null {
  const segments = rest.slice(1).split("/");
  const decoded: string[] = [];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment === "") {
      if (last) break; // trailing slash
      return null;
    }
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (name === "." || name === ".." || /[\u0000-\u001f\\/]/.test(name)) return null;
    decoded.push(name);
  }
  if (rest.endsWith("/")) decoded.push("index.html");
  return decoded.join("/");
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string, cache: string) {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader("Cache-Control", cache);
  if (!response.hasHeader("Content-Type")) response.setHeader("Content-Type", "text/plain; charset=utf-8");
  const bytes = Buffer.from(body, "utf8");
  response.setHeader("Content-Length", bytes.length);
  response.writeHead(status);
  response.end(response.req.method === "HEAD" ? undefined : bytes);
}
