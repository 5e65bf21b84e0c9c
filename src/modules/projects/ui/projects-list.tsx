"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FolderIcon, PlusIcon } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { ProjectCard } from "./project-card";

/** All the team's projects, newest activity first. Polls only while one of them is generating. */
export function ProjectsList() {
  const trpc = useTRPC();
  const projects = useQuery(
    trpc.projects.list.queryOptions(undefined, {
      refetchInterval: (query) => (query.state.data?.some((p) => p.activeRunStatus) ? 3000 : false),
    }),
  );

  if (projects.isPending) return <ProjectsListSkeleton />;
  if (projects.isError) {
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
  if (projects.data.length === 0) return <EmptyProjects />;

  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
      {projects.data.map((project) => (
        <ProjectCard key={project.id} project={project} />
      ))}
    </ul>
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

export function ProjectsListSkeleton() {
  return (
    <div role="status" aria-label="Loading projects" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-32 rounded-xl" />
      ))}
    </div>
  );
}
