import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { getQueryClient } from "./server-query";

export { getQueryClient, trpc } from "./server-query";

/**
 * Server-side prefetch: `await getQueryClient().prefetchQuery(trpc.projects.list.queryOptions())`,
 * then render <HydrateClient>. Await it: a pending query hydrated into a `useQuery` reader renders
 * differently on server and client (React error #418).
 */
export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
