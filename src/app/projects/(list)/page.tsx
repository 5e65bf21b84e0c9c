import type { Metadata } from "next";
import Link from "next/link";
import { PlusIcon } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { nextProjectsCursor, PROJECT_PAGES_INPUT } from "@/modules/projects/ui/project-list-queries";
import { ProjectsList } from "@/modules/projects/ui/projects-list";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  // Awaited so server and client render the same list (see the landing page). Only the first
  // page: the rest load on "Show more".
  await getQueryClient().prefetchInfiniteQuery(trpc.projects.list.infiniteQueryOptions(PROJECT_PAGES_INPUT, { getNextPageParam: nextProjectsCursor }));
  return (
    <HydrateClient>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
            <p className="text-sm text-muted-foreground">Everything your team has built.</p>
          </div>
          <Link href="/" className={buttonClasses()}>
            <PlusIcon />
            New project
          </Link>
        </div>
        <ProjectsList />
      </div>
    </HydrateClient>
  );
}
