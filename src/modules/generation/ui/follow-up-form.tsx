"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toastPromptError } from "./prompt-error-toast";
import { useModelChoice } from "@/modules/models/ui/model-choice";
import { useTRPC } from "@/trpc/client";
import { PromptBox } from "./prompt-box";
import { useIdempotencyKey } from "./use-idempotency-key";

/** The prompt box under the chat: asks for changes to the current project. */
export function FollowUpForm({ projectId, runActive, maxLength }: { projectId: string; runActive: boolean; maxLength: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState("");
  const { keyFor, settle } = useIdempotencyKey();
  const { model, picker } = useModelChoice();

  const send = useMutation(
    trpc.messages.create.mutationOptions({
      onSuccess: async () => {
        settle();
        setPrompt("");
        // The new run is QUEUED: fetching it starts the polling.
        await Promise.all([
          queryClient.invalidateQueries(trpc.runs.active.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.usage.status.queryFilter()),
        ]);
      },
      onError: (error) => toastPromptError(error),
    }),
  );

  function submit() {
    const content = prompt.trim();
    if (!content || runActive) return;
    send.mutate({ projectId, content, clientKey: keyFor(content), model });
  }

  return (
    <PromptBox
      value={prompt}
      onValueChange={setPrompt}
      onSubmit={submit}
      label="Ask for a change"
      placeholder={runActive ? "Wait for the current generation to finish…" : "Ask for a change, e.g. “Make the header sticky”"}
      pending={send.isPending}
      disabled={runActive}
      maxLength={maxLength}
      accessory={picker}
      note={
        runActive
          ? "Ollio is still working on your last prompt. You can send the next one when it finishes."
          : "Enter to send · Shift+Enter for a new line"
      }
    />
  );
}
