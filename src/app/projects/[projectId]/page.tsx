import type { Metadata } from "next";
import { PROMPT_MAX_LENGTH } from "@/modules/generation/ui/prompt-limits";
import { ProjectView } from "@/modules/generation/ui/project-view";
import { loadProjectOr404 } from "@/modules/projects/ui/load-project";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

type Props = { params: Promise<{ projectId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const project = await loadProjectOr404((await params).projectId);
  return { title: project.name };
}

export default async function ProjectPage({ params }: Props) {
  const { projectId } = await params;
  // All three side by side, and awaited: the client reads them with useQuery, which would render
  // "loading" on the server yet may hold streamed data at hydration — a mismatch. (Called directly:
  // the `prefetch` helper in trpc/server.tsx has a parameter type tRPC's options don't fit.)
  const queryClient = getQueryClient();
  await Promise.all([
    loadProjectOr404(projectId),
    queryClient.prefetchQuery(trpc.messages.list.queryOptions({ projectId })),
    queryClient.prefetchQuery(trpc.runs.poll.queryOptions({ projectId })),
  ]);
  return (
    <HydrateClient>
      <ProjectView projectId={projectId} maxLength={PROMPT_MAX_LENGTH} />
    </HydrateClient>
  );
}
