import Link from "next/link";
import { getCurrentUser } from "@/modules/auth/server/current-auth";
import { displayNameOf } from "@/modules/auth/display-name";
import { PROMPT_MAX_LENGTH } from "@/modules/generation/ui/prompt-limits";
import { LandingPrompt } from "@/modules/projects/ui/landing-prompt";
import { RECENT_PROJECTS_SHOWN } from "@/modules/projects/list-sizes";
import { RecentProjects } from "@/modules/projects/ui/recent-projects";
import { getQueryClient, trpc } from "@/trpc/server-query";

export default async function LandingPage({ searchParams }: { searchParams: Promise<{ prompt?: string | string[] }> }) {
  const [user, params] = await Promise.all([getCurrentUser(), searchParams]);
  // Never cut: a prompt over the limit shows as such in the box, which refuses to send it.
  const initialPrompt = typeof params.prompt === "string" ? params.prompt : undefined;
  // Everything the page shows comes from here, not from queries in the browser: the landing
  // page ships without React Query. (The header asks for usage.status too; the request's query
  // client answers both with one call.)
  const queryClient = getQueryClient();
  const [projects, modelSettings, usage] = user
    ? await Promise.all([
        queryClient.fetchQuery(trpc.projects.list.queryOptions({ limit: RECENT_PROJECTS_SHOWN })).catch(() => null),
        queryClient
          .fetchQuery(trpc.models.settings.queryOptions())
          .then(({ models, effectiveModel }) => ({ models, effectiveModel })) // what the picker needs, no more
          .catch(() => null),
        queryClient.fetchQuery(trpc.usage.status.queryOptions()).catch(() => null),
      ])
    : [null, null, null];

  return (
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
        <LandingPrompt signedIn={Boolean(user)} initialPrompt={initialPrompt} maxLength={PROMPT_MAX_LENGTH} modelSettings={modelSettings} usage={usage} />
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
          <RecentProjects projects={projects} />
        </section>
      )}
    </div>
  );
}
