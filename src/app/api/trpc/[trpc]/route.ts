import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "@/env";
import { createRequestContext } from "@/trpc/init";
import { appRouter } from "@/trpc/routers/_app";

// Cookies ride along on cross-site requests from the same site (e.g. a preview on another port),
// so writes are accepted only from the app's own origin.
function isForeignOrigin(req: Request) {
  const origin = req.headers.get("origin");
  return req.method !== "GET" && origin !== null && origin !== new URL(env.APP_URL).origin && origin !== new URL(req.url).origin;
}

const handler = (req: Request) => {
  if (isForeignOrigin(req)) return new Response("Cross-origin request refused", { status: 403 });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: createRequestContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
};

export { handler as GET, handler as POST };
