import type { Metadata } from "next";
import { ModelSettingsView } from "@/modules/models/ui/model-settings-view";
import { TeamPage } from "@/modules/teams/ui/team-page";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Models" };

export default async function TeamModelsPage() {
  await getQueryClient().prefetchQuery(trpc.models.settings.queryOptions());
  return (
    <HydrateClient>
      <TeamPage>
        <ModelSettingsView />
      </TeamPage>
    </HydrateClient>
  );
}
