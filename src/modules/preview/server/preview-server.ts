import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { contentTypeFor } from "./content-type";
import { fragmentFilesFromDb, type FragmentFileSource } from "./fragment-files";
import { IMMUTABLE_CACHE, NO_STORE, previewHeaders } from "./preview-headers";

export type PreviewServerOptions = {
  port: number;
  /** Interface to listen on; default all, like `next start`. */
  host?: string;
  /** Default: env.APP_URL. Only this origin may frame previews. */
  appUrl?: string;
  /** Default: env.PREVIEW_ORIGIN. Must be another origin than the app's. */
  previewOrigin?: string;
  /** Default: Fragment rows from Postgres through `db`. */
  files?: FragmentFileSource;
};

export type PreviewServer = { url: string; close: () => Promise<void> };

const FRAGMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Serves `GET /f/<fragmentId>/<path>` from the Fragment row's saved files, so a preview keeps
 * working after its sandbox is gone and across restarts. A plain node:http server on its own port
 * (PREVIEW_PORT), hence its own origin: previews never share cookies or storage with the app.
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

  const server = createServer((request, response) => {
    handle(request, response, files, headers).catch(() => {
      if (!response.headersSent) send(response, 500, headers, "Preview unavailable.\n", NO_STORE);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = !options.host || options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, files: FragmentFileSource, headers: Record<string, string>) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    return send(response, 405, headers, "Method not allowed.\n", NO_STORE);
  }
  // The raw path, not new URL()'s: that would quietly resolve `..` and `%2e%2e` instead of refusing them.
  const pathname = (request.url ?? "/").split(/[?#]/, 1)[0]!;
  const match = /^\/f\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match || !FRAGMENT_ID.test(match[1]!)) return send(response, 404, headers, "Not found.\n", NO_STORE);
  const fragmentId = match[1]!;
  // Relative links in index.html resolve against the directory: /f/<id> must become /f/<id>/.
  if (match[2] === undefined) {
    response.setHeader("Location", `/f/${fragmentId}/`);
    return send(response, 301, headers, "", IMMUTABLE_CACHE);
  }
  const filePath = filePathFrom(match[2]);
  if (filePath === null) return send(response, 404, headers, "Not found.\n", NO_STORE);

  const fragment = await files(fragmentId);
  if (!fragment) return send(response, 404, headers, "Unknown preview.\n", NO_STORE);
  const content = fragment.get(filePath);
  if (content === undefined) return send(response, 404, headers, "Not found.\n", IMMUTABLE_CACHE);

  response.setHeader("Content-Type", contentTypeFor(filePath));
  return send(response, 200, headers, content, IMMUTABLE_CACHE);
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
