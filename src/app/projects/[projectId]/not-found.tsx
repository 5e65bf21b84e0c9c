import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function ProjectNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-1 flex-col items-center justify-center gap-3 px-4 py-24 text-center">
      <p className="text-sm font-semibold text-primary">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Project not found</h1>
      <p className="text-muted-foreground">It may have been deleted, or it belongs to a team you are not part of.</p>
      <div className="mt-2 flex gap-2">
        <Link href="/projects" className={buttonClasses()}>
          Your projects
        </Link>
        <Link href="/" className={buttonClasses({ variant: "outline" })}>
          Start a new one
        </Link>
      </div>
    </div>
  );
}
