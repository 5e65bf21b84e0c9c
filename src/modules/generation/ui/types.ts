import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;
export type ChatMessage = Outputs["messages"]["list"][number];
export type ActiveRun = NonNullable<Outputs["runs"]["active"]>;
export type RunStatus = ActiveRun["status"];

export function isRunActive(status: string | null | undefined): status is "QUEUED" | "RUNNING" {
  return status === "QUEUED" || status === "RUNNING";
}
