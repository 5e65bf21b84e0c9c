"use client";

import { BotIcon, ClockIcon, FileCodeIcon, TerminalIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { plainProgress, type ProgressStep } from "./plain-progress";

export type { ProgressStep };

const KIND_ICONS: Record<string, typeof BotIcon> = { file: FileCodeIcon, command: TerminalIcon, note: BotIcon };
const KIND_LABELS: Record<string, string> = { file: "File", command: "Command", note: "Note" };

function readSteps(progress: unknown): ProgressStep[] {
  if (!Array.isArray(progress)) return [];
  return progress.filter(
    (step): step is ProgressStep => typeof step === "object" && step !== null && typeof step.detail === "string" && typeof step.kind === "string",
  );
}

type RunView = {
  status: string;
  progress: unknown;
  attempt?: number;
  queuedAt?: Date | string | null;
  startedAt?: Date | string | null;
};

/**
 * A QUEUED run that has already started once is between attempts (a retry): it is still being
 * built, so the status does not fall back to "waiting".
 */
function statusLine(run: RunView, startedBy: string | null): string {
  const waiting = run.status === "QUEUED" && !run.startedAt && !(run.attempt && run.attempt > 0);
  if (waiting) return startedBy ? `${startedBy}'s prompt is waiting for a worker…` : "Waiting for a worker…";
  return startedBy ? `${startedBy} is generating…` : "Building your UI…";
}

/**
 * What the agent is doing right now, in plain words; the raw steps (file paths, commands) are
 * behind a details toggle. New steps are announced politely; the elapsed time is not (it would
 * talk every second).
 */
export function RunProgress({
  run,
  startedBy = null,
  onCancel,
  cancelling = false,
}: {
  run: RunView;
  /** A teammate's name when they started this run: their progress shows live here too. */
  startedBy?: string | null;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const steps = readSteps(run.progress);
  const lines = plainProgress(steps);
  const rawRef = useRef<HTMLOListElement>(null);
  const since = run.startedAt ?? run.queuedAt;

  useEffect(() => {
    const list = rawRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [steps.length]);

  return (
    <section aria-label="Generation progress" className="rounded-xl border border-primary/20 bg-primary/[0.03] p-3">
      <div className="flex items-center gap-2 text-sm font-medium">
        <Spinner className="shrink-0 text-primary" />
        <span role="status" className="min-w-0">
          {statusLine(run, startedBy)}
        </span>
        {since && <Elapsed since={since} />}
        {onCancel && (
          <Button variant="ghost" size="xs" onClick={onCancel} disabled={cancelling} className="-my-1">
            {cancelling ? "Stopping…" : "Stop"}
          </Button>
        )}
      </div>
      {lines.length > 0 && (
        <ol aria-live="polite" aria-relevant="additions text" className="mt-2 flex flex-col gap-1 text-sm">
          {lines.slice(-6).map((line, index, shown) => (
            <li key={`${lines.length - shown.length + index}`} className="flex items-start gap-2 text-muted-foreground last:text-foreground">
              <span aria-hidden className="mt-2 size-1.5 shrink-0 rounded-full bg-current opacity-60" />
              <span className="min-w-0 break-words">{line}</span>
            </li>
          ))}
        </ol>
      )}
      {steps.length > 0 && (
        <details className="group mt-2 text-xs">
          <summary className="cursor-pointer rounded-sm text-muted-foreground select-none hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
            Technical details ({steps.length} {steps.length === 1 ? "step" : "steps"})
          </summary>
          <ol ref={rawRef} className="mt-2 flex max-h-48 flex-col gap-1 overflow-y-auto pr-1">
            {steps.map((step, index) => {
              const Icon = KIND_ICONS[step.kind] ?? BotIcon;
              return (
                <li key={`${step.at}-${index}`} className="flex items-start gap-2 text-muted-foreground">
                  <Icon aria-hidden className="mt-0.5 size-3.5 shrink-0 text-foreground/70" />
                  <span className="sr-only">{KIND_LABELS[step.kind] ?? "Step"}: </span>
                  <span className="min-w-0 break-words font-mono">{step.detail}</span>
                </li>
              );
            })}
          </ol>
        </details>
      )}
    </section>
  );
}

/**
 * Seconds since the run started. Rendered only after mount: the server's clock and the browser's
 * differ, and a server-rendered number would never match the one hydration computes.
 */
function Elapsed({ since }: { since: Date | string }) {
  const start = new Date(since).getTime();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (now === null) return <span aria-hidden className="ml-auto" />;
  const seconds = Math.max(0, Math.floor((now - start) / 1000));
  return (
    <span aria-hidden className="ml-auto inline-flex shrink-0 items-center gap-1 text-xs font-normal tabular-nums text-muted-foreground">
      <ClockIcon className="size-3" />
      {seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`}
    </span>
  );
}
