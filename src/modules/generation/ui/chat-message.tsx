"use client";

import { TriangleAlertIcon, BotIcon, RefreshCwIcon } from "lucide-react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { VersionProblems } from "@/modules/check/ui/version-problems";
import { VersionThumbnail } from "@/modules/check/ui/version-thumbnail";
import type { ChatMessage } from "./types";
import type { Version } from "./versions";

export function UserMessage({ message }: { message: ChatMessage }) {
  return (
    <li className="flex flex-col items-end gap-1">
      <div className="max-w-[85%] rounded-2xl rounded-br-md bg-primary px-3.5 py-2 text-sm whitespace-pre-wrap break-words text-primary-foreground shadow-xs">
        <span className="sr-only">{message.author ?? "You"}: </span>
        {message.content}
      </div>
      <span className="px-1 text-[11px] text-muted-foreground">
        {message.author && <>{message.author} · </>}
        <RelativeTime date={message.createdAt} />
      </span>
    </li>
  );
}

export function ResultMessage({
  message,
  version,
  selected,
  onSelectVersion,
  projectId,
  runActive,
  maxLength,
}: {
  message: ChatMessage;
  version: Version | undefined;
  selected: boolean;
  onSelectVersion: (fragmentId: string) => void;
  projectId: string;
  runActive: boolean;
  maxLength: number;
}) {
  return (
    <li className="flex gap-2.5">
      <AssistantAvatar />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="text-sm leading-relaxed whitespace-pre-wrap break-words">
          <span className="sr-only">Ollio: </span>
          {message.content}
        </div>
        {version && (
          <button
            type="button"
            onClick={() => onSelectVersion(version.fragment.id)}
            aria-pressed={selected}
            aria-label={`Show version ${version.number}: ${version.fragment.title}`}
            className={cn(
              "flex w-full max-w-sm items-center gap-2.5 rounded-lg border px-3 py-2 text-left transition-colors motion-reduce:transition-none",
              "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              selected ? "border-primary bg-primary/5" : "border-border bg-background hover:bg-muted",
            )}
          >
            <VersionThumbnail fragmentId={version.fragment.id} screenshots={version.fragment.screenshots} className="w-16 shrink-0" />
            <span className={cn("rounded-md px-1.5 py-0.5 text-xs font-semibold", selected ? "bg-primary text-primary-foreground" : "bg-muted")}>
              v{version.number}
            </span>
            <span className="min-w-0 flex-1 truncate text-sm font-medium">{version.fragment.title}</span>
            {selected && <span className="text-xs text-primary">Viewing</span>}
          </button>
        )}
        {version && (
          <VersionProblems projectId={projectId} problems={version.fragment.problems} runActive={runActive} maxLength={maxLength} />
        )}
        <RelativeTime date={message.createdAt} className="text-[11px] text-muted-foreground" />
      </div>
    </li>
  );
}

export function ErrorMessage({
  message,
  cancelled,
  onRetry,
  retrying,
}: {
  message: ChatMessage;
  /** The run was stopped by someone, rather than failing. */
  cancelled: boolean;
  /** Present when this failure can be retried (it is the latest run and nothing is running). */
  onRetry?: () => void;
  retrying?: boolean;
}) {
  return (
    <li className="flex gap-2.5">
      <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-full bg-destructive/10 text-destructive">
        <TriangleAlertIcon className="size-4" />
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-2 rounded-lg border border-destructive/25 bg-destructive/5 px-3 py-2">
        <p className="text-sm font-medium text-destructive">{cancelled ? "Generation stopped" : "Generation failed"}</p>
        <p className="text-sm whitespace-pre-wrap break-words text-foreground/80">{message.content}</p>
        {onRetry && (
          <Button variant="outline" size="sm" onClick={onRetry} disabled={retrying} className="self-start">
            {retrying ? <Spinner /> : <RefreshCwIcon />}
            {retrying ? "Retrying…" : "Retry"}
          </Button>
        )}
      </div>
    </li>
  );
}

function AssistantAvatar() {
  return (
    <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-full bg-gradient-to-br from-primary to-fuchsia-500 text-white">
      <BotIcon className="size-4" />
    </span>
  );
}
