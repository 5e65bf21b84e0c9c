"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import { makeQueryClient } from "./query-client";
import type { AppRouter } from "./routers/_app";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  // One client for the tab, so suspense re-renders do not throw the cache away.
  return (browserQueryClient ??= makeQueryClient());
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Development only (a production build leaves the logger's code out): unexpected failures;
        // refusals (4xx) are shown as toasts, not dev-overlay errors.
        ...(process.env.NODE_ENV === "development"
          ? [
              loggerLink<AppRouter>({
                enabled: (op) => {
                  if (op.direction !== "down" || !(op.result instanceof Error)) return false;
                  const status = (op.result as { data?: { httpStatus?: number } }).data?.httpStatus;
                  return status === undefined || status >= 500;
                },
              }),
            ]
          : []),
        httpBatchLink({ url: "/api/trpc", transformer: superjson }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
