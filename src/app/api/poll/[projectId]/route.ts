import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { rowIdSchema } from "@/lib/row-id";
import type { NextRequest } from "next/server";
import { authFromRequest } from "@/modules/auth/server/current-auth";
import { pollProject } from "@/modules/runs/server/queries";

/**
 * GET /api/poll/<projectId> — runs.poll as plain JSON, what the project view repeats while a run
 * works. The same domain function and authorization as the tRPC procedure (which the page's
 * server render still prefetches), without tRPC's batch handler and superjson, and outside the
 * proxy's matcher for local accounts (src/proxy.ts): together that halves the server CPU of a
 * poll (docs/generation.md, `npm run bench:poll`).
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ projectId: string }> }) {
  const auth = await authFromRequest(request);
  if (!auth) return json(401, { message: "Please sign in to continue." });
  const projectId = rowIdSchema.safeParse((await params).projectId);
  if (!projectId.success) return json(400, { message: "Give a project id." });
  try {
    return json(200, await pollProject(db, auth, projectId.data));
  } catch (error) {
    if (error instanceof AppError) return json(error.code === "FORBIDDEN" ? 403 : 404, { message: error.message });
    throw error;
  }
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
