import { ProjectsListSkeleton } from "@/modules/projects/ui/projects-list-skeleton";

export default function Loading() {
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
      <ProjectsListSkeleton />
    </div>
  );
}
