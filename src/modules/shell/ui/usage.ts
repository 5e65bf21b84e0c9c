import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

export type Usage = inferRouterOutputs<AppRouter>["usage"]["status"];
