"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { OptionSelect } from "@/components/ui/option-select";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";

// The merge view is only needed once someone compares: it loads on its own chunk.
const MergeViewer = dynamic(() => import("./merge-viewer").then((m) => m.MergeViewer), {
  ssr: false,
  loading: () => (
    <div role="status" className="p-4 text-xs text-muted-foreground">
      Loading the diff…
    </div>
  ),
});

const STATUS_LABEL = { added: "added", removed: "removed", changed: "changed", unchanged: "unchanged" } as const;
const STATUS_CLASS = { added: "text-emerald-600", removed: "text-destructive", changed: "text-amber-600", unchanged: "text-muted-foreground" } as const;
const PARENT = "parent";

/**
 * What changed in a version: against the one it was built from by default, or any other
 * version picked in the list. Files added, removed and changed, and a per-file diff.
 */
export function ComparePane({ toId, versions }: { toId: string; versions: { id: string; number: number }[] }) {
  const trpc = useTRPC();
  const [fromChoice, setFromChoice] = useState(PARENT);
  const fromId = fromChoice === PARENT ? undefined : fromChoice;
  const diff = useQuery(trpc.versions.compare.queryOptions({ toId, fromId }, { staleTime: Infinity }));
  const changes = diff.data?.files.filter((f) => f.status !== "unchanged") ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const file = changes.find((f) => f.path === picked) ?? changes[0] ?? null;

  const options = [
    { value: PARENT, label: "The version it was built from" },
    ...versions.filter((v) => v.id !== toId).map((v) => ({ value: v.id, label: `v${v.number}` })),
  ];

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-1.5 text-xs">
        <span>Compare with</span>
        <OptionSelect value={fromChoice} onValueChange={setFromChoice} options={options} label="Compare with" size="sm" className="w-56" />
        {diff.data && (
          <span className="text-muted-foreground" data-testid="compare-summary">
            {diff.data.from ? `v${diff.data.from.number} → v${diff.data.to.number}` : `v${diff.data.to.number} is the first version`} ·{" "}
            {changes.length === 0 ? "no changes" : `${changes.length} file${changes.length === 1 ? "" : "s"} changed`}
          </span>
        )}
      </div>
      {diff.isPending && <p role="status" className="p-4 text-sm text-muted-foreground">Comparing…</p>}
      {diff.isError && <p role="alert" className="p-4 text-sm text-destructive">{errorMessage(diff.error)}</p>}
      {diff.data && (
        <div className="flex min-h-0 flex-1 flex-col md:flex-row">
          <nav aria-label="Changed files" className="shrink-0 border-b border-border md:w-52 md:border-r md:border-b-0">
            <ul className="flex gap-1 overflow-x-auto p-2 md:flex-col">
              {diff.data.files.map((f) => (
                <li key={f.path}>
                  <button
                    type="button"
                    disabled={f.status === "unchanged"}
                    onClick={() => setPicked(f.path)}
                    aria-current={file?.path === f.path ? "true" : undefined}
                    className={cn(
                      "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left font-mono text-xs whitespace-nowrap",
                      "hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:hover:bg-transparent",
                      file?.path === f.path && "bg-muted font-semibold",
                    )}
                  >
                    <span className="truncate">{f.path}</span>
                    <span className={cn("ml-auto font-sans", STATUS_CLASS[f.status])}>{STATUS_LABEL[f.status]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <section aria-label={file ? `Changes to ${file.path}` : "Changes"} className="min-h-0 min-w-0 flex-1">
            {file ? (
              <MergeViewer key={`${diff.data.from?.id}:${file.path}`} path={file.path} before={file.before ?? ""} after={file.after ?? ""} />
            ) : (
              <p className="p-4 text-sm text-muted-foreground">Nothing changed between these versions.</p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
