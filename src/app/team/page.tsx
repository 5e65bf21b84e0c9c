import type { Metadata } from "next";
import { TeamNav } from "@/modules/teams/ui/team-nav";
import { TeamSettings } from "@/modules/teams/ui/team-settings";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const queryClient = getQueryClient();
  // Awaited so server and client render the same page (see the landing page).
  const team = await queryClient.fetchQuery(trpc.teams.current.queryOptions());
  await Promise.all([
    queryClient.prefetchQuery(trpc.teams.members.list.queryOptions()),
    team.permissions["members.invite"] && !team.personal ? queryClient.prefetchQuery(trpc.teams.invitations.list.queryOptions()) : null,
  ]);
  return (
    <HydrateClient>
      <TeamSettings nav={<TeamNav />} />
    </HydrateClient>
  );
}
