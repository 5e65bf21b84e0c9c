"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { SparklesIcon } from "lucide-react";
import { SIGN_UP_PATH, withNext } from "@/modules/auth/routes";
import { PromptBox } from "@/modules/generation/ui/prompt-box";
import { useModelChoice } from "@/modules/models/ui/model-choice";
import { toastPromptError } from "@/modules/generation/ui/prompt-error-toast";
import { useCreditsBlock } from "@/modules/generation/ui/use-credits-block";
import { useIdempotencyKey } from "@/modules/generation/ui/use-idempotency-key";
import { errorCode } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { EXAMPLE_PROMPTS } from "./example-prompts";
import { landingPathWithPrompt, takePendingPrompt } from "./pending-prompt";

/** "What do you want to build?": creates a project from the first prompt and opens it. */
export function LandingPrompt({ signedIn, initialPrompt, maxLength }: { signedIn: boolean; initialPrompt?: string; maxLength?: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [prompt, setPrompt] = useState(initialPrompt ?? "");
  const [navigating, startNavigation] = useTransition();
  const { keyFor, settle } = useIdempotencyKey();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const { model, picker } = useModelChoice(signedIn);
  const outOfCredits = useCreditsBlock(signedIn);

  // Back from sign-up with a long prompt that did not fit in the URL.
  useEffect(() => {
    const pending = takePendingPrompt();
    if (pending && !initialPrompt) setPrompt(pending);
  }, [initialPrompt]);

  const sendToSignUp = (text: string) =>
    startNavigation(() => router.push(withNext(SIGN_UP_PATH, landingPathWithPrompt(text))));

  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: ({ projectId }) => {
        settle();
        // Marked stale only: the list refetches when shown again, not while we navigate away.
        void queryClient.invalidateQueries({ ...trpc.projects.list.queryFilter(), refetchType: "none" });
        void queryClient.invalidateQueries(trpc.usage.status.queryFilter());
        startNavigation(() => router.push(`/projects/${projectId}`));
      },
      onError: (error, { content }) => {
        if (errorCode(error) === "UNAUTHORIZED") return sendToSignUp(content);
        toastPromptError(error, "Could not start your project");
      },
    }),
  );

  function submit() {
    const content = prompt.trim();
    if (!content) return;
    if (!signedIn) return sendToSignUp(content);
    create.mutate({ content, clientKey: keyFor(content), model });
  }

  function pickExample(text: string) {
    setPrompt(text);
    textareaRef.current?.focus();
  }

  const busy = create.isPending || navigating || create.isSuccess;

  return (
    <div className="flex w-full flex-col gap-4">
      <PromptBox
        value={prompt}
        onValueChange={setPrompt}
        onSubmit={submit}
        label="Describe the UI you want to build"
        placeholder="Describe a page or an app, e.g. “A habit tracker with a weekly grid and streaks”"
        pending={busy}
        maxLength={maxLength}
        size="lg"
        autoFocus
        textareaRef={textareaRef}
        accessory={picker}
        blocked={outOfCredits}
        note={signedIn ? "Enter to send · Shift+Enter for a new line" : "You will be asked to create a free account first — your prompt is kept."}
      />
      <div className="flex flex-wrap items-center justify-center gap-2" role="group" aria-label="Example prompts">
        {EXAMPLE_PROMPTS.map((example) => (
          <button
            key={example.label}
            type="button"
            onClick={() => pickExample(example.prompt)}
            title={example.prompt}
            className="inline-flex items-center gap-1.5 rounded-full border border-border bg-background px-3 py-1 text-sm text-muted-foreground shadow-xs transition-colors hover:bg-muted hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring motion-reduce:transition-none"
          >
            <SparklesIcon className="size-3.5" />
            {example.label}
          </button>
        ))}
      </div>
    </div>
  );
}
