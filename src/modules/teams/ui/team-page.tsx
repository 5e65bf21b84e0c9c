import { cn } from "@/components/ui/cn";
import { TeamNav } from "./team-nav";

/** The frame of the team's sub-pages (usage, models): heading, the team navigation, content. */
export function TeamPage({ wide = false, children }: { wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={cn("mx-auto flex w-full flex-col gap-6 px-4 py-8 sm:px-6", wide ? "max-w-5xl" : "max-w-3xl")}>
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
        <TeamNav />
      </div>
      {children}
    </div>
  );
}
