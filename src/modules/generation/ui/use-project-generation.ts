"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/trpc/client";
import { fetchPoll } from "./fetch-poll";
import { runPollInterval } from "./poll-interval";
import { isRunActive, type ChatMessage } from "./types";

/**
 * The project's messages and its active run. While a run is QUEUED/RUNNING one cheap poll
 * (runs.poll: the run and the newest message's id, one SQL statement; fetched from its plain
 * route /api/poll, see fetch-poll.ts, under runs.poll's query key, so the page's prefetch and
 * every invalidation of runs.poll apply to it) is all that repeats; the
 * conversation is fetched again only when the poll shows a message it does not have yet, and
 * once more when the run ends (the result or error message lands then), when `onRunFinished`
 * fires so the page can show the newest version. `building` stays true until the messages show
 * the run's outcome.
 */
export function useProjectGeneration(projectId: string, { onRunFinished }: { onRunFinished?: () => void } = {}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const firstSeen = useRef(new Map<string, number>());
  const poll = useQuery({
    ...trpc.runs.poll.queryOptions(
      { projectId },
      {
        refetchInterval: (query) => {
          const run = query.state.data?.run;
          if (run && !firstSeen.current.has(run.id)) firstSeen.current.set(run.id, Date.now());
          return runPollInterval(run, run ? firstSeen.current.get(run.id)! : Date.now());
        },
      },
    ),
    queryFn: ({ signal }) => fetchPoll(projectId, { signal }),
  });
  const runData = poll.data?.run ?? null;
  const run = { data: poll.data ? runData : undefined, isError: poll.isError };
  const runActive = isRunActive(runData?.status);

  const messages = useQuery(trpc.messages.list.queryOptions({ projectId }));

  // A message the list does not have yet (a teammate's prompt, the result): fetch the list.
  const lastMessageId = poll.data?.lastMessageId;
  const listedLastId = messages.data?.at(-1)?.id;
  const listSettled = messages.isSuccess && !messages.isFetching;
  useEffect(() => {
    if (lastMessageId && listSettled && listedLastId !== lastMessageId) {
      void queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId }));
    }
    // Cannot loop: the list is ordered like the poll's newest message, so a fresh list ends with it.
  }, [lastMessageId, listedLastId, listSettled, projectId, queryClient, trpc]);

  const previous = useRef<{ id: string; status: string } | null>(null);
  useEffect(() => {
    const before = previous.current;
    const now = runData ? { id: runData.id, status: runData.status } : null;
    previous.current = now;
    const finished = before !== null && isRunActive(before.status) && (now === null || now.id !== before.id || !isRunActive(now.status));
    if (!finished) return;
    void queryClient.invalidateQueries(trpc.messages.list.queryFilter({ projectId }));
    // A finished run commits or refunds its credit, and changes the project's "running" badge.
    void queryClient.invalidateQueries(trpc.usage.status.queryFilter());
    void queryClient.invalidateQueries(trpc.projects.list.queryFilter());
    // Its first version (or its page's title) may have given the project its name.
    void queryClient.invalidateQueries(trpc.projects.get.queryFilter({ projectId }));
    onRunFinished?.();
  }, [runData, projectId, queryClient, trpc, onRunFinished]);

  // Between the run query seeing the run end and the messages catching up (~a poll), the new
  // version is not in the list yet: still "building", so the preview does not flash "nothing yet".
  const building = runActive || lastRunActive(messages.data);

  return { messages, run, runActive, building };
}

function lastRunActive(messages: ChatMessage[] | undefined): boolean {
  const last = messages?.at(-1);
  return Boolean(last && last.role === "USER" && isRunActive(last.run?.status));
}
