/**
 * The poll without Next, for `npm run bench:poll`: a bare node:http server doing what
 * /api/poll/<projectId> does for local accounts — pollProjectForSession (session lookup and
 * poll in one statement), plain JSON. Its CPU per request is the floor any Next route adds to. Prints its port on stdout.
 * Run (by the bench): node --conditions=react-server --import tsx scripts/bench/support/poll-node-http.ts
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

const { db } = await import("../../../src/lib/db/client");
const { sessionTokenFrom } = await import("../../../src/modules/auth/session-cookie");
const { pollProjectForSession } = await import("../../../src/modules/runs/server/queries");

function cookiesOf(header: string | undefined) {
  const jar = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return { get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined) };
}

const server = http.createServer(async (req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
  };
  try {
    const projectId = decodeURIComponent(req.url?.match(/^\/api\/poll\/([^/?]+)/)?.[1] ?? "");
    const answer = await pollProjectForSession(db, sessionTokenFrom(cookiesOf(req.headers.cookie)), projectId);
    if (!answer) return send(401, { message: "Please sign in to continue." });
    send(200, answer);
  } catch (error) {
    send(500, { message: (error as Error).message });
  }
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
