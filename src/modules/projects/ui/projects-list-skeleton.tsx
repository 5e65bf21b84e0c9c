import { Skeleton } from "@/components/ui/skeleton";

/**
 * The projects grid while it loads. A file of its own, not a client module: /projects' loading.tsx
 * renders it on the server, and importing ./projects-list there would give the route a second
 * copy of that list's code (a chunk per client entry).
 */
export function ProjectsListSkeleton() {
  return (
    <div role="status" aria-label="Loading projects" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-32 rounded-xl" />
      ))}
    </div>
  );
}
