import { httpBatchLink, loggerLink, type TRPCLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "./routers/_app";

/** The browser's links to /api/trpc: shared by the React Query client (./client) and the plain one (./vanilla-client). */
export function browserLinks(): TRPCLink<AppRouter>[] {
  return [
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
  ];
}
