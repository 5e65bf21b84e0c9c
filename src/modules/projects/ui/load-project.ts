import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { SIGN_IN_PATH, withNext } from "@/modules/auth/routes";
import { getQueryClient, trpc } from "@/trpc/server-query";

/**
 * The project for a server-rendered page, cached in the request's query client (so the client
 * hydrates it). A missing project — or another team's, or a malformed id — is a 404.
 */
export async function loadProjectOr404(projectId: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.projects.get.queryOptions({ projectId }));
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
      if (error.code === "UNAUTHORIZED") redirect(withNext(SIGN_IN_PATH, `/projects/${encodeURIComponent(projectId)}`));
    }
    throw error;
  }
}
