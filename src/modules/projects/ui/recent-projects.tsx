import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { LinkPendingSpinner } from "@/components/link-pending";
import { RelativeTime } from "@/components/relative-time";
import type { AppRouter } from "@/trpc/routers/_app";
import { RunStatusBadge } from "./run-status-badge";

export type RecentProjectsPage = inferRouterOutputs<AppRouter>["projects"]["list"];

/**
 * The landing page's "continue where you left off" strip, rendered on the server (the landing
 * page ships without React Query): `projects` is null when they could not be loaded.
 */
export function RecentProjects({ projects }: { projects: RecentProjectsPage | null }) {
  if (!projects) return <p className="text-sm text-muted-foreground">Your recent projects could not be loaded.</p>;
  if (projects.items.length === 0) return <p className="text-sm text-muted-foreground">Your projects will show up here.</p>;

  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {projects.items.map((project) => (
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
