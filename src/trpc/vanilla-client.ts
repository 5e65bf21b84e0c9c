import { createTRPCClient } from "@trpc/client";
import { browserLinks } from "./links";
import type { AppRouter } from "./routers/_app";

/**
 * tRPC without React Query, for the few calls made where no TRPCReactProvider is mounted (the
 * header's menus, the landing page). Import it with `import()` so it stays out of the first load.
 */
export const trpcClient = createTRPCClient<AppRouter>({ links: browserLinks() });
