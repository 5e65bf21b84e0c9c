import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { createRequestContext } from "./init";
import { makeQueryClient } from "./query-client";
import { appRouter } from "./routers/_app";

/**
 * The request's query client and tRPC's query options, for server components that read data
 * without handing it to React Query in the browser (the header, the landing page). Kept apart
 * from ./server's HydrateClient: importing that file makes React Query's HydrationBoundary — and
 * React Query with it — part of the importing route's first-load JS, even where it is not rendered.
 */
export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  ctx: createRequestContext,
  router: appRouter,
  queryClient: getQueryClient,
});
