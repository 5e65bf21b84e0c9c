"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useState } from "react";
import { ArrowLeftIcon } from "@/components/icons";
import { buttonClasses } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/client";
import type { PickedElement } from "@/modules/preview/picker-message";
import { ChatPanel } from "./chat-panel";
import { useProjectGeneration } from "./use-project-generation";
import { versionsOf } from "./versions";
import { Workspace } from "./workspace";

/** /projects/[id]: the chat on the left, the selected version's preview and code on the right. */
export function ProjectView({ projectId, maxLength }: { projectId: string; maxLength: number }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  // null: follow the newest version; an id: the version the user picked.
  const [pickedFragmentId, setPickedFragmentId] = useState<string | null>(null);
  const showNewest = useCallback(() => setPickedFragmentId(null), []);
  const { messages, run, runActive } = useProjectGeneration(projectId, { onRunFinished: showNewest });
  // An element picked in the preview ("Select"), attached to the next prompt.
  const [pickedElement, setPickedElement] = useState<PickedElement | null>(null);

  const versions = versionsOf(messages.data);
  const latest = versions.at(-1) ?? null;
  const selected = (pickedFragmentId && versions.find((v) => v.fragment.id === pickedFragmentId)) || latest;

  return (
    <div className="flex flex-1 flex-col lg:h-[calc(100dvh-3.5rem)] lg:flex-row">
      <section aria-labelledby="project-title" className="flex max-h-[70dvh] min-h-0 flex-col border-border lg:max-h-none lg:w-[26rem] lg:shrink-0 lg:border-r xl:w-[30rem]">
        <div className="flex items-center gap-2 border-b border-border px-3 py-2">
          <Link href="/projects" aria-label="All projects" className={buttonClasses({ variant: "ghost", size: "icon-sm" })}>
            <ArrowLeftIcon />
          </Link>
          {project.data ? (
            <div className="flex min-w-0 flex-col">
              <h1 id="project-title" className="min-w-0 truncate font-semibold leading-tight" title={project.data.name}>
                {project.data.name}
              </h1>
              {project.data.createdBy && !project.data.createdBy.isYou && (
                <span className="truncate text-xs text-muted-foreground">Created by {project.data.createdBy.name}</span>
              )}
            </div>
          ) : (
            <>
              <h1 id="project-title" className="sr-only">
                Project
              </h1>
              <Skeleton className="h-5 w-40" />
            </>
          )}
        </div>
        <ChatPanel
          projectId={projectId}
          messages={messages.data}
          messagesError={messages.error}
          onReloadMessages={() => void messages.refetch()}
          run={run.data}
          runPollFailing={run.isError}
          versions={versions}
          selectedFragmentId={selected?.fragment.id ?? null}
          onSelectVersion={(id) => setPickedFragmentId(id === latest?.fragment.id ? null : id)}
          maxLength={maxLength}
          pickedElement={pickedElement}
          onClearElement={() => setPickedElement(null)}
        />
      </section>
      <section aria-label="Preview and code" className="flex h-[85dvh] min-h-0 min-w-0 flex-1 flex-col border-t border-border lg:h-auto lg:border-t-0">
        <Workspace
          projectId={projectId}
          version={selected}
          versions={versions}
          latestNumber={latest?.number ?? 0}
          building={runActive}
          onShowLatest={showNewest}
          onSelectVersion={setPickedFragmentId}
          onPickElement={setPickedElement}
        />
      </section>
    </div>
  );
}
