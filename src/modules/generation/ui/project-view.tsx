"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { ArrowLeftIcon } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/client";
import type { PickedElement } from "@/modules/preview/picker-message";
import { ChatPanel } from "./chat-panel";
import { PhoneViewSwitch, type PhoneView } from "./phone-view-switch";
import { useProjectGeneration } from "./use-project-generation";
import { versionsOf } from "./versions";
import { Workspace } from "./workspace";

/**
 * /projects/[id]: the chat on the left, the selected version's preview and code on the right. Below
 * the lg breakpoint there is no room for both, so a switch shows one at a time, each filling the
 * screen under the header (the page itself never scrolls; the chat scrolls inside its view).
 */
export function ProjectView({ projectId, maxLength }: { projectId: string; maxLength: number }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  // null: follow the newest version; an id: the version the user picked.
  const [pickedFragmentId, setPickedFragmentId] = useState<string | null>(null);
  const showNewest = useCallback(() => setPickedFragmentId(null), []);
  const { messages, run, building } = useProjectGeneration(projectId, { onRunFinished: showNewest });
  // An element picked in the preview ("Select"), attached to the next prompt.
  const [pickedElement, setPickedElement] = useState<PickedElement | null>(null);

  const versions = versionsOf(messages.data);
  const latest = versions.at(-1) ?? null;
  const selected = (pickedFragmentId && versions.find((v) => v.fragment.id === pickedFragmentId)) || latest;

  // Phones open on the preview when there is one, else on the chat (where the progress is). The
  // data is prefetched on the server, so this first value is the same there and at hydration.
  const [phoneView, setPhoneView] = useState<PhoneView>(latest ? "preview" : "chat");
  // A new version appearing is worth seeing: switch to it.
  const latestId = latest?.fragment.id ?? null;
  const seenLatest = useRef(latestId);
  useEffect(() => {
    if (latestId && latestId !== seenLatest.current) setPhoneView("preview");
    seenLatest.current = latestId;
  }, [latestId]);

  return (
    <div className="flex h-[calc(100dvh-3.5rem)] min-h-0 flex-col lg:grid lg:grid-cols-[26rem_minmax(0,1fr)] lg:grid-rows-[auto_minmax(0,1fr)] xl:grid-cols-[30rem_minmax(0,1fr)]">
      <div className="flex min-w-0 items-center gap-2 border-b border-border px-3 py-2 lg:border-r">
        <Link href="/projects" aria-label="All projects" className={buttonClasses({ variant: "ghost", size: "icon-sm", className: "shrink-0" })}>
          <ArrowLeftIcon />
        </Link>
        {project.data ? (
          <div className="flex min-w-0 flex-1 flex-col">
            <h1 id="project-title" className="min-w-0 truncate font-semibold leading-tight" title={project.data.name}>
              {project.data.name}
            </h1>
            {project.data.createdBy && !project.data.createdBy.isYou && (
              <span className="truncate text-xs text-muted-foreground">Created by {project.data.createdBy.name}</span>
            )}
          </div>
        ) : (
          <div className="min-w-0 flex-1">
            <h1 id="project-title" className="sr-only">
              Project
            </h1>
            <Skeleton className="h-5 w-40 max-w-full" />
          </div>
        )}
        <PhoneViewSwitch value={phoneView} onValueChange={setPhoneView} className="shrink-0 lg:hidden" />
      </div>
      <section
        aria-labelledby="project-title"
        className={cn(
          "min-h-0 min-w-0 flex-1 flex-col border-border lg:col-start-1 lg:row-start-2 lg:flex lg:border-r",
          phoneView === "chat" ? "flex" : "hidden",
        )}
      >
        <ChatPanel
          projectId={projectId}
          messages={messages.data}
          messagesError={messages.error}
          onReloadMessages={() => void messages.refetch()}
          run={run.data}
          runPollFailing={run.isError}
          versions={versions}
          selectedFragmentId={selected?.fragment.id ?? null}
          onSelectVersion={(id) => {
            setPickedFragmentId(id === latest?.fragment.id ? null : id);
            setPhoneView("preview");
          }}
          maxLength={maxLength}
          pickedElement={pickedElement}
          onClearElement={() => setPickedElement(null)}
        />
      </section>
      <section
        aria-label="Preview and code"
        className={cn(
          "min-h-0 min-w-0 flex-1 flex-col lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:flex",
          phoneView === "preview" ? "flex" : "hidden",
        )}
      >
        <Workspace
          projectId={projectId}
          version={selected}
          versions={versions}
          latestNumber={latest?.number ?? 0}
          building={building}
          lastRunStatus={run.data?.status ?? null}
          onShowLatest={showNewest}
          onSelectVersion={setPickedFragmentId}
          onPickElement={setPickedElement}
        />
      </section>
    </div>
  );
}
