import type { Metadata } from "next";
import { PlanCard } from "@/modules/billing/ui/plan-card";
import { TeamNav } from "@/modules/teams/ui/team-nav";
import { currentUsageMonth } from "@/modules/usage/server/usage-month";
import { TeamUsageView } from "@/modules/usage/ui/team-usage-view";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Usage" };

export default async function TeamUsagePage() {
  const now = new Date();
  const month = currentUsageMonth(now);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.teamUsage.plan.queryOptions()),
    queryClient.prefetchQuery(trpc.teamUsage.report.queryOptions({ month })),
  ]);
  return (
    <HydrateClient>
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-8 sm:px-6">
        <div className="flex flex-col gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
          <TeamNav />
        </div>
        <PlanCard />
        <TeamUsageView initialMonth={month} now={now.toISOString()} />
      </div>
    </HydrateClient>
  );
}
