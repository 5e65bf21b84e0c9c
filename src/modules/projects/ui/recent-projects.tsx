"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LinkPendingSpinner } from "@/components/link-pending";
import { RelativeTime } from "@/components/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/client";
import { RECENT_PROJECTS_SHOWN } from "../list-sizes";
import { RunStatusBadge } from "./run-status-badge";

/** The landing page's "continue where you left off" strip: asks only for the few it shows. */
export function RecentProjects() {
  const trpc = useTRPC();
  const projects = useQuery(trpc.projects.list.queryOptions({ limit: RECENT_PROJECTS_SHOWN }));

  if (projects.isPending) {
    return (
      <div role="status" aria-label="Loading recent projects" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-20 rounded-xl" />
        ))}
      </div>
    );
  }
  if (projects.isError) return <p className="text-sm text-muted-foreground">Your recent projects could not be loaded.</p>;
  if (projects.data.items.length === 0) return <p className="text-sm text-muted-foreground">Your projects will show up here.</p>;

  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {projects.data.items.map((project) => (
        <li key={project.id} className="min-w-0">
          <Link
            href={`/projects/${project.id}`}
            className="flex h-full flex-col gap-1 rounded-xl border border-border bg-background p-4 shadow-xs transition-shadow hover:shadow-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring motion-reduce:transition-none"
          >
            <span className="flex min-w-0 items-center gap-1.5">
              <span className="min-w-0 truncate font-medium" title={project.name}>{project.name}</span>
              <LinkPendingSpinner className="inline-flex text-muted-foreground" />
            </span>
            <span className="flex items-center justify-between gap-2 text-xs text-muted-foreground">
              <span>
                Updated <RelativeTime date={project.updatedAt} />
              </span>
              <RunStatusBadge status={project.activeRunStatus} by={project.activeRunBy} />
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
