"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { toastPromptError } from "./prompt-error-toast";
import { useModelChoice } from "@/modules/models/ui/model-choice";
import { useTRPC } from "@/trpc/client";
import type { PickedElement } from "@/modules/preview/picker-message";
import { ElementChip } from "@/modules/versions/ui/element-chip";
import { PromptBox } from "./prompt-box";
import { useCreditsBlock } from "./use-credits-block";
import { useIdempotencyKey } from "./use-idempotency-key";

/** The prompt box under the chat: asks for changes to the current project. */
export function FollowUpForm({
  projectId,
  runActive,
  runningFor = null,
  maxLength,
  baseVersion = null,
  pickedElement = null,
  onClearElement,
}: {
  /** Attached to the prompt: its selector and capped HTML go to the agent. */
  pickedElement?: PickedElement | null;
  onClearElement?: () => void;
  /** Set when an older version is on screen: the prompt builds on it, not on the latest. */
  baseVersion?: { id: string; number: number } | null;
  projectId: string;
  runActive: boolean;
  /** The teammate whose generation holds the project, if it is not the caller's own. */
  runningFor?: string | null;
  maxLength: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState("");
  // A refusal (out of credits, a cap, a teammate's run) stays under the box until the prompt
  // changes: a toast alone is gone before everyone has read it.
  const [refusal, setRefusal] = useState<string | null>(null);
  const { keyFor, settle } = useIdempotencyKey();
  const { model, picker } = useModelChoice();
  const outOfCredits = useCreditsBlock();

  const send = useMutation(
    trpc.messages.create.mutationOptions({
      onSuccess: async () => {
        settle();
        setPrompt("");
        onClearElement?.();
        // The new run is QUEUED: fetching it starts the polling.
        await Promise.all([
          queryClient.invalidateQueries(trpc.runs.poll.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.usage.status.queryFilter()),
        ]);
      },
      onError: (error) => {
        setRefusal(errorMessage(error));
        toastPromptError(error);
      },
    }),
  );

  function submit() {
    const content = prompt.trim();
    if (!content || runActive) return;
    send.mutate({ projectId, content, clientKey: keyFor(content), model, baseVersionId: baseVersion?.id, element: pickedElement ?? undefined });
  }

  return (
    <>
      {pickedElement && <ElementChip element={pickedElement} onRemove={() => onClearElement?.()} />}
      <PromptBox
        value={prompt}
        onValueChange={(value) => {
          setPrompt(value);
          setRefusal(null);
        }}
        onSubmit={submit}
        label="Ask for a change"
        placeholder={
          runActive
            ? runningFor
              ? `Wait for ${runningFor}'s generation to finish…`
              : "Wait for the current generation to finish…"
            : "Ask for a change, e.g. “Make the header sticky”"
        }
        pending={send.isPending}
        disabled={runActive}
        maxLength={maxLength}
        accessory={picker}
        blocked={runActive ? null : outOfCredits}
        note={
          refusal ? (
            <span role="alert" className="text-destructive">
              {refusal}
            </span>
          ) : runActive
            ? runningFor
              ? `${runningFor} is generating in this project. You can send your prompt when it finishes.`
              : "Ollio is still working on your last prompt. You can send the next one when it finishes."
            : baseVersion
              ? <span data-testid="building-on">Building on v{baseVersion.number} · Enter to send</span>
              : "Enter to send · Shift+Enter for a new line"
        }
      />
    </>
  );
}
