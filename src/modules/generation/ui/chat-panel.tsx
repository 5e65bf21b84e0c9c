"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { toast } from "@/components/toast";
import { Skeleton } from "@/components/ui/skeleton";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { ErrorMessage, ResultMessage, UserMessage } from "./chat-message";
import { FollowUpForm } from "./follow-up-form";
import { OutcomeAnnouncer } from "./outcome-announcer";
import { RunProgress } from "./run-progress";
import { isRunActive, type ActiveRun, type ChatMessage } from "./types";
import type { PickedElement } from "@/modules/preview/picker-message";
import type { Version } from "./versions";

type ChatPanelProps = {
  projectId: string;
  messages: ChatMessage[] | undefined;
  messagesError: unknown;
  onReloadMessages: () => void;
  run: ActiveRun | null | undefined;
  /** The last poll failed: what is shown may be out of date. */
  runPollFailing: boolean;
  versions: Version[];
  selectedFragmentId: string | null;
  onSelectVersion: (fragmentId: string) => void;
  maxLength: number;
  /** The element picked in the preview, attached to the next prompt until removed or sent. */
  pickedElement?: PickedElement | null;
  onClearElement?: () => void;
};

export function ChatPanel({
  projectId,
  messages,
  messagesError,
  onReloadMessages,
  run,
  runPollFailing,
  versions,
  selectedFragmentId,
  onSelectVersion,
  maxLength,
  pickedElement = null,
  onClearElement,
}: ChatPanelProps) {
  const runActive = isRunActive(run?.status);
  const retryableRunId = runActive ? null : latestFailedRunId(messages);
  const scroller = useRef<HTMLDivElement>(null);

  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.runs.retry.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.runs.poll.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.usage.status.queryFilter()),
        ]),
      onError: (error) => toast.error("Could not retry", { description: errorMessage(error) }),
    }),
  );
  const cancel = useMutation(
    trpc.runs.cancel.mutationOptions({
      // The run query sees CANCELLED on its next fetch, which ends polling and loads the message.
      onSuccess: () => queryClient.invalidateQueries(trpc.runs.poll.queryFilter({ projectId })),
      onError: (error) => toast.error("Could not stop the generation", { description: errorMessage(error) }),
    }),
  );

  // Keep the newest message and the live progress in view.
  const messageCount = messages?.length ?? 0;
  const progressCount = Array.isArray(run?.progress) ? run.progress.length : 0;
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTo({ top: element.scrollHeight, behavior: "instant" });
  }, [messageCount, progressCount, runActive]);

  const versionByMessage = new Map(versions.map((v) => [v.messageId, v]));

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
        {messages === undefined ? (
          messagesError ? (
            <div role="alert" className="flex flex-col items-start gap-2 text-sm">
              <p className="text-destructive">Could not load the conversation: {errorMessage(messagesError)}</p>
              <Button variant="outline" size="sm" onClick={onReloadMessages}>
                Try again
              </Button>
            </div>
          ) : (
            <div role="status" aria-label="Loading conversation" className="flex flex-col gap-4">
              <Skeleton className="ml-auto h-14 w-3/4 rounded-2xl" />
              <Skeleton className="h-20 w-5/6 rounded-2xl" />
            </div>
          )
        ) : (
          <ol aria-label="Conversation" className="flex flex-col gap-5">
            {messages.map((message, index) =>
              message.role === "USER" ? (
                <UserMessage key={message.id} message={message} />
              ) : message.kind === "ERROR" ? (
                <ErrorMessage
                  key={message.id}
                  message={message}
                  cancelled={promptRunBefore(messages, index)?.status === "CANCELLED"}
                  onRetry={retryableRunId && isLatestError(messages, message) ? () => retry.mutate({ runId: retryableRunId }) : undefined}
                  retrying={retry.isPending}
                />
              ) : (
                <ResultMessage
                  key={message.id}
                  message={message}
                  version={versionByMessage.get(message.id)}
                  selected={versionByMessage.get(message.id)?.fragment.id === selectedFragmentId}
                  onSelectVersion={onSelectVersion}
                  projectId={projectId}
                  runActive={runActive}
                  maxLength={maxLength}
                />
              ),
            )}
          </ol>
        )}
        {run && runActive && (
          <div className="mt-5 flex flex-col gap-2">
            <RunProgress
              run={run}
              startedBy={run.startedBy && !run.startedBy.isYou ? run.startedBy.name : null}
              onCancel={run.canCancel ? () => cancel.mutate({ runId: run.id }) : undefined}
              cancelling={cancel.isPending}
            />
            {runPollFailing && (
              <p role="status" className="text-xs text-amber-700 dark:text-amber-400">
                Cannot reach Ollio right now; still trying. The progress above may be out of date.
              </p>
            )}
          </div>
        )}
        <OutcomeAnnouncer messages={messages} />
      </div>
      <div className="border-t border-border bg-background p-3">
        <FollowUpForm
          projectId={projectId}
          runActive={runActive}
          runningFor={runActive && run?.startedBy && !run.startedBy.isYou ? run.startedBy.name : null}
          maxLength={maxLength}
          baseVersion={baseVersionOf(versions, selectedFragmentId)}
          pickedElement={pickedElement}
          onClearElement={onClearElement}
        />
      </div>
    </div>
  );
}

/** The version on screen when it is not the latest: a prompt sent now builds on it. */
function baseVersionOf(versions: Version[], selectedFragmentId: string | null) {
  const selected = versions.find((v) => v.fragment.id === selectedFragmentId);
  return selected && selected !== versions.at(-1) ? { id: selected.fragment.id, number: selected.number } : null;
}

/** The run behind the newest prompt, if it failed or was cancelled: that is the one a Retry sends again. */
function latestFailedRunId(messages: ChatMessage[] | undefined): string | null {
  const lastPrompt = messages?.findLast((m) => m.role === "USER");
  const status = lastPrompt?.run?.status;
  return lastPrompt?.run && (status === "FAILED" || status === "CANCELLED") ? lastPrompt.run.id : null;
}

/** The run of the prompt an assistant message answers: the nearest USER message before it. */
function promptRunBefore(messages: ChatMessage[], index: number) {
  for (let i = index - 1; i >= 0; i--) {
    if (messages[i]?.role === "USER") return messages[i]?.run ?? null;
  }
  return null;
}

function isLatestError(messages: ChatMessage[], message: ChatMessage) {
  return messages.at(-1)?.id === message.id;
}
