import Link from "next/link";
import { getCurrentUser } from "@/modules/auth/server/current-auth";
import { displayNameOf } from "@/modules/auth/display-name";
import { PROMPT_MAX_LENGTH } from "@/modules/generation/ui/prompt-limits";
import { LandingPrompt } from "@/modules/projects/ui/landing-prompt";
import { RECENT_PROJECTS_SHOWN } from "@/modules/projects/list-sizes";
import { RecentProjects } from "@/modules/projects/ui/recent-projects";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export default async function LandingPage({ searchParams }: { searchParams: Promise<{ prompt?: string | string[] }> }) {
  const [user, params] = await Promise.all([getCurrentUser(), searchParams]);
  // Never cut: a prompt over the limit shows as such in the box, which refuses to send it.
  const initialPrompt = typeof params.prompt === "string" ? params.prompt : undefined;
  // Awaited, not streamed: the client reads it with useQuery, which renders "loading" on the
  // server but may already have the streamed data when it hydrates — a hydration mismatch.
  if (user) await getQueryClient().prefetchQuery(trpc.projects.list.queryOptions({ limit: RECENT_PROJECTS_SHOWN }));

  return (
    <HydrateClient>
      <div className="relative isolate flex flex-1 flex-col">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-[28rem] bg-[radial-gradient(60%_60%_at_50%_0%,color-mix(in_oklch,var(--color-primary)_14%,transparent),transparent)]"
        />
        <section className="mx-auto flex w-full max-w-3xl flex-col items-center gap-6 px-4 pt-16 pb-12 text-center sm:pt-24">
          <h1 className="text-balance text-4xl font-semibold tracking-tight sm:text-5xl">What do you want to build?</h1>
          <p className="max-w-xl text-balance text-muted-foreground">
            {user ? `Hi ${displayNameOf(user)} — describe` : "Describe"} a page or an app in plain words. Ollio writes the HTML, CSS and
            JavaScript and shows you a live preview.
          </p>
          <LandingPrompt signedIn={Boolean(user)} initialPrompt={initialPrompt} maxLength={PROMPT_MAX_LENGTH} />
        </section>
        {user && (
          <section aria-labelledby="recent-projects" className="mx-auto w-full max-w-5xl px-4 pb-16">
            <div className="mb-3 flex items-baseline justify-between">
              <h2 id="recent-projects" className="text-sm font-semibold">
                Recent projects
              </h2>
              <Link href="/projects" className="rounded-sm text-sm text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
                View all
              </Link>
            </div>
            <RecentProjects />
          </section>
        )}
      </div>
    </HydrateClient>
  );
}
