"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { SparklesIcon } from "lucide-react";
import { toast } from "@/components/toast";
import { SIGN_UP_PATH, withNext } from "@/modules/auth/routes";
import { creditsBlockMessage } from "@/modules/generation/ui/credits-block";
import { PromptBox } from "@/modules/generation/ui/prompt-box";
import { useIdempotencyKey } from "@/modules/generation/ui/use-idempotency-key";
import { useModelPicker, type ModelSettingsView } from "@/modules/models/ui/model-picker";
import { markHeaderStale } from "@/modules/shell/ui/header-state";
import type { Usage } from "@/modules/shell/ui/usage";
import { EXAMPLE_PROMPTS } from "./example-prompts";
import { landingPathWithPrompt, takePendingPrompt } from "./pending-prompt";

type Sender = typeof import("./first-prompt-sender");
let sender: Promise<Sender> | null = null;
// The tRPC client comes with the sender, fetched when the user first focuses, types or sends —
// not with the page (the landing page ships without React Query or tRPC's client).
function loadSender(): Promise<Sender> {
  return (sender ??= import("./first-prompt-sender").catch((error: unknown) => {
    sender = null; // Offline for a moment: the next attempt tries again.
    throw error;
  }));
}
const preloadSender = () => void loadSender().catch(() => {});

/** "What do you want to build?": creates a project from the first prompt and opens it. */
export function LandingPrompt({
  signedIn,
  initialPrompt,
  maxLength,
  modelSettings,
  usage,
}: {
  signedIn: boolean;
  initialPrompt?: string;
  maxLength?: number;
  /** The team's models (the server's `models.settings`), for the picker; null when signed out. */
  modelSettings?: ModelSettingsView | null;
  /** The team's credits (the server's `usage.status`), for the out-of-credits state. */
  usage?: Usage | null;
}) {
  const router = useRouter();
  const [prompt, setPrompt] = useState(initialPrompt ?? "");
  const [navigating, startNavigation] = useTransition();
  const { keyFor, settle } = useIdempotencyKey();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const { model, picker } = useModelPicker(signedIn ? (modelSettings ?? undefined) : undefined);
  const outOfCredits = signedIn ? creditsBlockMessage(usage) : null;
  // "pending" while the request is out; "created" until the navigation away is done.
  const [sending, setSending] = useState<"idle" | "pending" | "created">("idle");

  // Back from sign-up with a long prompt that did not fit in the URL.
  useEffect(() => {
    const pending = takePendingPrompt();
    if (pending && !initialPrompt) setPrompt(pending);
  }, [initialPrompt]);

  const sendToSignUp = (text: string) =>
    startNavigation(() => router.push(withNext(SIGN_UP_PATH, landingPathWithPrompt(text))));

  function submit() {
    const content = prompt.trim();
    if (!content) return;
    if (!signedIn) return sendToSignUp(content);
    void create({ content, clientKey: keyFor(content), model });
  }

  async function create(input: { content: string; clientKey: string; model?: string }) {
    setSending("pending");
    let result;
    try {
      result = await (await loadSender()).sendFirstPrompt(input);
    } catch {
      setSending("idle");
      toast.error("Could not start your project", { description: "Could not reach the server. Check your connection and try again." });
      return;
    }
    if (result.status === "created") {
      settle();
      setSending("created");
      // The header's credits changed: the project page's React Query refetches them on arrival.
      markHeaderStale();
      startNavigation(() => router.push(`/projects/${result.projectId}`));
      return;
    }
    setSending("idle");
    if (result.status === "signed-out") sendToSignUp(input.content);
  }

  function pickExample(text: string) {
    setPrompt(text);
    textareaRef.current?.focus();
  }

  const busy = sending !== "idle" || navigating;

  return (
    <div className="flex w-full flex-col gap-4" onFocusCapture={signedIn ? preloadSender : undefined} onInputCapture={signedIn ? preloadSender : undefined}>
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
