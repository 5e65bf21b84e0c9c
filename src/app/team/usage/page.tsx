import type { Metadata } from "next";
import { PlanCard } from "@/modules/billing/ui/plan-card";
import { TeamPage } from "@/modules/teams/ui/team-page";
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
      <TeamPage wide>
        <PlanCard />
        <TeamUsageView initialMonth={month} now={now.toISOString()} />
      </TeamPage>
    </HydrateClient>
  );
}
