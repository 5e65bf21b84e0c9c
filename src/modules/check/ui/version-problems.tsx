"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TriangleAlertIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { toastPromptError } from "@/modules/generation/ui/prompt-error-toast";
import { useIdempotencyKey } from "@/modules/generation/ui/use-idempotency-key";
import { useTRPC } from "@/trpc/client";
import { describeProblem, fixThesePrompt, type CheckProblem } from "../problem-text";

/**
 * The problems the page check still found when a version was saved, and a "Fix these" button
 * that sends them as a follow-up prompt (a normal run, charged like any other prompt).
 */
export function VersionProblems({
  projectId,
  problems,
  runActive,
  maxLength,
}: {
  projectId: string;
  problems: CheckProblem[];
  runActive: boolean;
  maxLength: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { keyFor, settle } = useIdempotencyKey();
  const send = useMutation(
    trpc.messages.create.mutationOptions({
      onSuccess: async () => {
        settle();
        await Promise.all([
          queryClient.invalidateQueries(trpc.runs.active.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.usage.status.queryFilter()),
        ]);
      },
      onError: (error) => toastPromptError(error),
    }),
  );
  if (problems.length === 0) return null;

  function fix() {
    const content = fixThesePrompt(problems, maxLength);
    send.mutate({ projectId, content, clientKey: keyFor(content) });
  }

  return (
    <section aria-label="Problems found in this version" className="flex max-w-sm flex-col gap-2 rounded-lg border border-amber-300/60 bg-amber-50 px-3 py-2 text-amber-950 dark:bg-amber-950/30 dark:text-amber-100">
      <p className="flex items-center gap-1.5 text-sm font-medium">
        <TriangleAlertIcon className="size-4 shrink-0" aria-hidden />
        {problems.length === 1 ? "The check found 1 problem the AI could not fix" : `The check found ${problems.length} problems the AI could not fix`}
      </p>
      <ul className="flex list-disc flex-col gap-1 pl-5 text-xs break-words">
        {problems.map((problem, index) => (
          <li key={index}>{describeProblem(problem)}</li>
        ))}
      </ul>
      <Button variant="outline" size="sm" className="self-start" onClick={fix} disabled={runActive || send.isPending}>
        {send.isPending && <Spinner />}
        Fix these
      </Button>
    </section>
  );
}
