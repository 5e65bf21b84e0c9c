"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/trpc/client";
import { runPollInterval, SLOW_POLL_MS } from "./poll-interval";
import { isRunActive, type ChatMessage } from "./types";

/**
 * The project's messages and its active run, polled only while a run is QUEUED/RUNNING. When the
 * run ends, messages are fetched once more (the result or error message lands then) and
 * `onRunFinished` fires so the page can show the newest version. `building` stays true until the
 * messages show the run's outcome.
 */
export function useProjectGeneration(projectId: string, { onRunFinished }: { onRunFinished?: () => void } = {}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const firstSeen = useRef(new Map<string, number>());
  const run = useQuery(
    trpc.runs.active.queryOptions(
      { projectId },
      {
        refetchInterval: (query) => {
          const data = query.state.data;
          if (data && !firstSeen.current.has(data.id)) firstSeen.current.set(data.id, Date.now());
          return runPollInterval(data, data ? firstSeen.current.get(data.id)! : Date.now());
        },
      },
    ),
  );
  const runActive = isRunActive(run.data?.status);

  const messages = useQuery(
    trpc.messages.list.queryOptions(
      { projectId },
      {
        // Also while the messages still show a run the run query already saw end: the two were
        // fetched at slightly different moments, and this catches the list up without a reload.
        refetchInterval: (query) => (runActive || lastRunActive(query.state.data) ? SLOW_POLL_MS : false),
      },
    ),
  );

  const previous = useRef<{ id: string; status: string } | null>(null);
  useEffect(() => {
    const before = previous.current;
    const now = run.data ? { id: run.data.id, status: run.data.status } : null;
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
  }, [run.data, projectId, queryClient, trpc, onRunFinished]);

  // Between the run query seeing the run end and the messages catching up (~a poll), the new
  // version is not in the list yet: still "building", so the preview does not flash "nothing yet".
  const building = runActive || lastRunActive(messages.data);

  return { messages, run, runActive, building };
}

function lastRunActive(messages: ChatMessage[] | undefined): boolean {
  const last = messages?.at(-1);
  return Boolean(last && last.role === "USER" && isRunActive(last.run?.status));
}
