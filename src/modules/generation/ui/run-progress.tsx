"use client";

import { useEffect, useRef, useState } from "react";
import { BotIcon, ClockIcon, FileCodeIcon, TerminalIcon } from "@/components/icons";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

export type ProgressStep = { at: string; kind: string; detail: string };

const KIND_ICONS: Record<string, (props: React.SVGProps<SVGSVGElement>) => React.ReactNode> = {
  file: FileCodeIcon,
  command: TerminalIcon,
  note: BotIcon,
};

const KIND_LABELS: Record<string, string> = { file: "File", command: "Command", note: "Note" };

function readSteps(progress: unknown): ProgressStep[] {
  if (!Array.isArray(progress)) return [];
  return progress.filter(
    (step): step is ProgressStep => typeof step === "object" && step !== null && typeof step.detail === "string" && typeof step.kind === "string",
  );
}

/**
 * What the agent is doing right now. New steps are announced politely; the elapsed time is not
 * (it would talk every second).
 */
export function RunProgress({
  run,
  startedBy = null,
  onCancel,
  cancelling = false,
}: {
  run: { status: string; progress: unknown; queuedAt?: Date | string | null; startedAt?: Date | string | null };
  /** A teammate's name when they started this run: their progress shows live here too. */
  startedBy?: string | null;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const steps = readSteps(run.progress);
  const listRef = useRef<HTMLOListElement>(null);
  const since = run.startedAt ?? run.queuedAt;

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [steps.length]);

  return (
    <section aria-label="Generation progress" className="rounded-xl border border-primary/20 bg-primary/[0.03] p-3">
      <div className="flex items-center gap-2 text-sm font-medium">
        <Spinner className="text-primary" />
        <span role="status">
          {run.status === "QUEUED"
            ? startedBy
              ? `${startedBy}'s prompt is waiting for a worker…`
              : "Waiting for a worker…"
            : startedBy
              ? `${startedBy} is generating…`
              : "Building your UI…"}
        </span>
        {since && <Elapsed since={since} />}
        {onCancel && (
          <Button variant="ghost" size="xs" onClick={onCancel} disabled={cancelling} className="-my-1">
            {cancelling ? "Stopping…" : "Stop"}
          </Button>
        )}
      </div>
      {steps.length > 0 && (
        <ol ref={listRef} aria-live="polite" aria-relevant="additions" className="mt-2 flex max-h-48 flex-col gap-1 overflow-y-auto pr-1">
          {steps.map((step, index) => {
            const Icon = KIND_ICONS[step.kind] ?? BotIcon;
            return (
              <li key={`${step.at}-${index}`} className="flex items-start gap-2 text-xs text-muted-foreground">
                <Icon aria-hidden className="mt-0.5 size-3.5 shrink-0 text-foreground/70" />
                <span className="sr-only">{KIND_LABELS[step.kind] ?? "Step"}: </span>
                <span className="min-w-0 break-words font-mono">{step.detail}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Elapsed({ since }: { since: Date | string }) {
  const start = new Date(since).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - start) / 1000));
  return (
    <span aria-hidden className="ml-auto inline-flex items-center gap-1 text-xs font-normal tabular-nums text-muted-foreground">
      <ClockIcon className="size-3" />
      {seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`}
    </span>
  );
}
