import type { Metadata } from "next";
import { ModelSettingsView } from "@/modules/models/ui/model-settings-view";
import { TeamNav } from "@/modules/teams/ui/team-nav";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Models" };

export default async function TeamModelsPage() {
  await getQueryClient().prefetchQuery(trpc.models.settings.queryOptions());
  return (
    <HydrateClient>
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
        <div className="flex flex-col gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
          <TeamNav />
        </div>
        <ModelSettingsView />
      </div>
    </HydrateClient>
  );
}
