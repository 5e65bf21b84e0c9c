import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

export type ProjectSummary = inferRouterOutputs<AppRouter>["projects"]["list"]["items"][number];
