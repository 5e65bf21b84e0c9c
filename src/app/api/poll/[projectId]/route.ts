import type { NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { providers } from "@/lib/providers";
import { rowIdSchema } from "@/lib/row-id";
import { getCurrentAuth } from "@/modules/auth/server/current-auth";
import { sessionTokenFrom } from "@/modules/auth/session-cookie";
import { POLL_WITHOUT_PROXY_HEADER } from "@/modules/generation/ui/fetch-poll";
import { pollProject, pollProjectForSession } from "@/modules/runs/server/queries";

/**
 * GET /api/poll/<projectId> — runs.poll as plain JSON: what the project view repeats while a run
 * works (src/modules/generation/ui/fetch-poll.ts). The same domain function and authorization as
 * the tRPC procedure (which the page's server render still prefetches), minus tRPC's batch
 * handler and superjson; for local accounts one statement authenticates and reads, and the proxy
 * is skipped (src/proxy.ts). About half the tRPC path's server CPU per poll: docs/generation.md.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ projectId: string }> }) {
  const projectId = rowIdSchema.safeParse((await params).projectId);
  if (!projectId.success) return json(400, { message: "Give a project id." });
  // That header skips the proxy, which Clerk's auth() needs: under Clerk it can only be a mistake.
  if (providers.auth === "clerk" && request.headers.get(POLL_WITHOUT_PROXY_HEADER.name) !== null) {
    return json(400, { message: `This server signs in with Clerk: poll without the ${POLL_WITHOUT_PROXY_HEADER.name} header.` });
  }
  try {
    const answer =
      providers.auth === "clerk"
        ? await pollAs(await getCurrentAuth(), projectId.data)
        : await pollProjectForSession(db, sessionTokenFrom(request.cookies), projectId.data);
    if (!answer) return json(401, { message: "Please sign in to continue." });
    return json(200, answer);
  } catch (error) {
    if (error instanceof AppError) return json(error.code === "FORBIDDEN" ? 403 : 404, { message: error.message });
    throw error;
  }
}

async function pollAs(auth: Awaited<ReturnType<typeof getCurrentAuth>>, projectId: string) {
  return auth ? pollProject(db, auth, projectId) : null;
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    // no-transform: Next's compression skips it; gzip costs more CPU than a small poll saves bytes.
    headers: { "content-type": "application/json", "cache-control": "no-store, no-transform" },
  });
}
