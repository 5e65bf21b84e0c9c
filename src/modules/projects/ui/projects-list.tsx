"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FolderIcon, PlusIcon } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { ProjectCard } from "./project-card";
import { nextProjectsCursor, PROJECT_PAGES_INPUT } from "./project-list-queries";
import { ProjectsListSkeleton } from "./projects-list-skeleton";

/**
 * The team's projects, newest activity first, a page at a time ("Show more" loads the next).
 * Polls the loaded pages only while one of them is generating.
 */
export function ProjectsList() {
  const trpc = useTRPC();
  const projects = useInfiniteQuery(
    trpc.projects.list.infiniteQueryOptions(PROJECT_PAGES_INPUT, {
      getNextPageParam: nextProjectsCursor,
      refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((p) => p.activeRunStatus)) ? 3000 : false),
    }),
  );

  if (projects.isPending) return <ProjectsListSkeleton />;
  // A failed "Show more" keeps the loaded pages (and says so below them).
  if (projects.isError && !projects.data) {
    return (
      <div role="alert" className="rounded-xl border border-destructive/30 bg-destructive/5 p-6 text-sm">
        <p className="font-medium text-destructive">Could not load your projects.</p>
        <p className="mt-1 text-muted-foreground">{errorMessage(projects.error)}</p>
        <button type="button" onClick={() => projects.refetch()} className="mt-3 text-sm font-medium text-primary underline-offset-4 hover:underline">
          Try again
        </button>
      </div>
    );
  }
  const loaded = projects.data.pages.flatMap((page) => page.items);
  if (loaded.length === 0) return <EmptyProjects />;

  return (
    <>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
        {loaded.map((project) => (
          <ProjectCard key={project.id} project={project} />
        ))}
      </ul>
      {projects.hasNextPage && (
        <Button variant="outline" className="self-center" disabled={projects.isFetchingNextPage} onClick={() => void projects.fetchNextPage()}>
          {projects.isFetchingNextPage ? "Loading…" : "Show more"}
        </Button>
      )}
      {projects.isFetchNextPageError && (
        <p role="alert" className="text-center text-sm text-destructive">
          Could not load more projects: {errorMessage(projects.error)}
        </p>
      )}
    </>
  );
}

function EmptyProjects() {
  return (
    <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-border px-6 py-16 text-center">
      <span className="grid size-12 place-items-center rounded-full bg-muted text-muted-foreground">
        <FolderIcon className="size-6" />
      </span>
      <h2 className="text-lg font-semibold">No projects yet</h2>
      <p className="max-w-sm text-sm text-muted-foreground">Describe a page or an app and Ollio builds it for you, with a live preview and the code.</p>
      <Link href="/" className={buttonClasses({ className: "mt-2" })}>
        <PlusIcon />
        Start a project
      </Link>
    </div>
  );
}
