import { toastPromptError } from "@/modules/generation/ui/prompt-error-toast";
import { errorCode } from "@/modules/shell/ui/error-message";
import { trpcClient } from "@/trpc/vanilla-client";

export type FirstPromptInput = { content: string; clientKey: string; model?: string };
export type FirstPromptResult = { status: "created"; projectId: string } | { status: "signed-out" } | { status: "refused" };

/**
 * `projects.create` for the landing page, which has no React Query (./landing-prompt imports this
 * on first intent, with the tRPC client). A refusal is shown as a toast here.
 */
export async function sendFirstPrompt(input: FirstPromptInput): Promise<FirstPromptResult> {
  try {
    const { projectId } = await trpcClient.projects.create.mutate(input);
    return { status: "created", projectId };
  } catch (error) {
    if (errorCode(error) === "UNAUTHORIZED") return { status: "signed-out" };
    toastPromptError(error, "Could not start your project");
    return { status: "refused" };
  }
}
