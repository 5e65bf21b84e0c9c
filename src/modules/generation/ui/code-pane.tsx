"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { toast } from "@/components/toast";
import { CheckIcon, CopyIcon, DownloadIcon, FileCodeIcon, FileIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { cn } from "@/components/ui/cn";
import { downloadBlob, fileSafeName } from "./download";
import { sortedPaths, type FragmentView } from "./fragment";
import type { ChatMessage } from "./types";

// CodeMirror is most of the project page's JavaScript: it loads on its own, off the path to the preview.
const CodeViewer = dynamic(() => import("./code-viewer").then((m) => m.CodeViewer), {
  ssr: false,
  loading: () => (
    <div role="status" className="p-4 font-mono text-xs text-white/60">
      Loading the code viewer…
    </div>
  ),
});

/** Fetches the viewer's code ahead of time, once the browser is idle. */
export function preloadCodeViewer() {
  void import("./code-viewer");
}

const CODE_EXTENSIONS = /\.(html?|css|m?js|jsx|tsx?|json|svg)$/i;

export type SavedEdit = { fragmentId: string; number: number; message: ChatMessage; files: Record<string, string> };

/**
 * The version's files: a list on the left, the selected file in an editor on the right. Edits,
 * new, renamed and deleted files are a draft kept by the workspace (so they survive switching
 * tabs) until "Save as new version" or "Discard".
 */
export function CodePane({
  fragment,
  versionNumber,
  draft,
  onDraftChange,
  onSaved,
  saveBlockedReason,
}: {
  fragment: FragmentView | null;
  versionNumber?: number;
  draft?: Record<string, string> | null;
  onDraftChange?: (files: Record<string, string> | null) => void;
  onSaved?: (saved: SavedEdit) => void;
  /** Why saving is not possible right now (a run is active), shown instead of saving. */
  saveBlockedReason?: string | null;
}) {
  const trpc = useTRPC();
  // A version's files never change: fetched once per version, when its code is first shown.
  const files = useQuery({
    ...trpc.messages.fragmentFiles.queryOptions({ fragmentId: fragment?.id ?? "" }, { staleTime: Infinity }),
    enabled: fragment !== null,
  });
  if (fragment && files.isPending) return <CodePaneNote role="status">Loading this version&rsquo;s files…</CodePaneNote>;
  if (fragment && files.isError) return <CodePaneNote role="alert">Could not load this version&rsquo;s files: {files.error.message}</CodePaneNote>;
  if (!fragment || !files.data || Object.keys(files.data.files).length === 0) {
    return (
      <CodePaneNote>{fragment ? "This version has no files." : "The code appears here once the first version is ready."}</CodePaneNote>
    );
  }
  // Remount per version so the selected file resets to that version's entry point.
  return (
    <FragmentFiles
      key={fragment.id}
      fragmentId={fragment.id}
      versionNumber={versionNumber}
      title={fragment.title}
      saved={files.data.files}
      draft={draft ?? null}
      onDraftChange={onDraftChange ?? (() => {})}
      onSaved={onSaved}
      saveBlockedReason={saveBlockedReason ?? null}
    />
  );
}

function CodePaneNote({ children, role }: { children: React.ReactNode; role?: "status" | "alert" }) {
  return (
    <div role={role} className="flex h-full items-center justify-center p-8 text-center text-sm text-muted-foreground">
      {children}
    </div>
  );
}

type PathForm = { mode: "add" | "rename"; value: string } | null;

function FragmentFiles({
  fragmentId,
  versionNumber,
  title,
  saved,
  draft,
  onDraftChange,
  onSaved,
  saveBlockedReason,
}: {
  fragmentId: string;
  versionNumber?: number;
  title: string;
  saved: Record<string, string>;
  draft: Record<string, string> | null;
  onDraftChange: (files: Record<string, string> | null) => void;
  onSaved?: (saved: SavedEdit) => void;
  saveBlockedReason: string | null;
}) {
  const trpc = useTRPC();
  const files = draft ?? saved;
  const paths = sortedPaths(files);
  const [selected, setSelected] = useState(paths[0] ?? "");
  const [copied, setCopied] = useState(false);
  const [pathForm, setPathForm] = useState<PathForm>(null);
  const [error, setError] = useState<string | null>(null);
  const path = files[selected] !== undefined ? selected : (paths[0] ?? "");
  const content = files[path] ?? "";
  const dirty = draft !== null && !sameFiles(draft, saved);

  const save = useMutation(
    trpc.versions.saveEdit.mutationOptions({
      onSuccess: (result) => {
        setError(null);
        onDraftChange(null);
        onSaved?.(result);
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );

  function update(next: Record<string, string>) {
    setError(null);
    onDraftChange(sameFiles(next, saved) ? null : next);
  }

  function submitPath(event: React.FormEvent) {
    event.preventDefault();
    if (!pathForm) return;
    const name = pathForm.value.trim().replace(/^\.\//, "");
    if (!name) return setError("Give the file a path, like \u201cabout.html\u201d or \u201ccss/site.css\u201d.");
    if (name in files && name !== path) return setError(`There is already a file called \u201c${name}\u201d.`);
    if (pathForm.mode === "add") update({ ...files, [name]: "" });
    else {
      const { [path]: moved, ...rest } = files;
      update({ ...rest, [name]: moved ?? "" });
    }
    setSelected(name);
    setPathForm(null);
  }

  function remove() {
    if (paths.length <= 1) return setError("A version needs at least one file.");
    const { [path]: _removed, ...rest } = files;
    update(rest);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(content);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("Could not copy", { description: "The browser refused clipboard access. Select the code and copy it instead." });
    }
  }

  function downloadFile() {
    downloadBlob(path.split("/").pop() || "file.txt", new Blob([content], { type: "text/plain;charset=utf-8" }));
  }

  async function downloadAll() {
    try {
      // fflate is fetched on first use, not with the page.
      const { zipFiles } = await import("./zip-files");
      downloadBlob(`${fileSafeName(title)}.zip`, new Blob([zipFiles(files)], { type: "application/zip" }));
    } catch (error) {
      toast.error("Could not make the .zip", { description: errorMessage(error) });
    }
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-1.5 text-xs">
        <span className="min-w-0 flex-1 text-muted-foreground">
          {dirty ? (
            <span className="font-medium text-foreground">Unsaved changes to v{versionNumber ?? "?"}</span>
          ) : (
            <>Edit the files, then save them as a new version (no credit).</>
          )}
        </span>
        {dirty && (
          <Button variant="ghost" size="xs" onClick={() => update(saved)} disabled={save.isPending}>
            Discard
          </Button>
        )}
        <Button
          size="xs"
          onClick={() => save.mutate({ baseVersionId: fragmentId, files })}
          disabled={!dirty || save.isPending || Boolean(saveBlockedReason)}
          title={saveBlockedReason ?? undefined}
        >
          {save.isPending ? "Saving…" : "Save as new version"}
        </Button>
      </div>
      {(error || (dirty && saveBlockedReason)) && (
        <p role="alert" className="border-b border-border bg-destructive/10 px-3 py-1.5 text-xs text-destructive">
          {error ?? saveBlockedReason}
        </p>
      )}
      <div className="flex min-h-0 flex-1 flex-col md:flex-row">
        <nav aria-label="Files" className="shrink-0 border-b border-border md:w-52 md:border-r md:border-b-0">
          <ul className="flex gap-1 overflow-x-auto p-2 md:flex-col md:overflow-y-auto">
            {paths.map((p) => (
              <li key={p}>
                <button
                  type="button"
                  onClick={() => setSelected(p)}
                  aria-current={p === path ? "true" : undefined}
                  className={cn(
                    "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left font-mono text-xs whitespace-nowrap transition-colors motion-reduce:transition-none",
                    "hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    p === path ? "bg-muted font-semibold text-foreground" : "text-muted-foreground",
                  )}
                >
                  {CODE_EXTENSIONS.test(p) ? <FileCodeIcon className="size-3.5 shrink-0" /> : <FileIcon className="size-3.5 shrink-0" />}
                  <span className="truncate" title={p}>
                    {p}
                  </span>
                  {draft && draft[p] !== saved[p] && <span className="ml-auto text-primary" aria-label="(changed)">•</span>}
                </button>
              </li>
            ))}
            <li>
              <button
                type="button"
                onClick={() => setPathForm({ mode: "add", value: "" })}
                className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-xs whitespace-nowrap text-muted-foreground hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                + New file
              </button>
            </li>
          </ul>
        </nav>
        <section aria-label={`Contents of ${path}`} className="flex min-h-0 min-w-0 flex-1 flex-col">
          {pathForm ? (
            <form onSubmit={submitPath} className="flex items-center gap-2 border-b border-border px-3 py-1.5">
              <label className="flex min-w-0 flex-1 items-center gap-2 text-xs">
                <span className="shrink-0">{pathForm.mode === "add" ? "New file path" : `Rename ${path} to`}</span>
                <Input
                  inputSize="sm"
                  autoFocus
                  value={pathForm.value}
                  onChange={(e) => setPathForm({ ...pathForm, value: e.target.value })}
                  placeholder="css/site.css"
                  className="font-mono text-xs"
                />
              </label>
              <Button type="submit" size="xs">
                {pathForm.mode === "add" ? "Add" : "Rename"}
              </Button>
              <Button variant="ghost" size="xs" onClick={() => setPathForm(null)}>
                Cancel
              </Button>
            </form>
          ) : (
            <div className="flex items-center gap-1 border-b border-border px-3 py-1.5">
              <span className="min-w-0 flex-1 truncate font-mono text-xs text-muted-foreground">{path}</span>
              <Button variant="ghost" size="sm" onClick={() => setPathForm({ mode: "rename", value: path })} aria-label={`Rename ${path}`}>
                Rename
              </Button>
              <Button variant="ghost" size="sm" onClick={remove} aria-label={`Delete ${path}`}>
                Delete
              </Button>
              <Button variant="ghost" size="sm" onClick={copy} aria-label={`Copy ${path}`}>
                {copied ? <CheckIcon /> : <CopyIcon />}
                <span className="hidden lg:inline">{copied ? "Copied" : "Copy"}</span>
              </Button>
              <Button variant="ghost" size="sm" onClick={downloadFile} aria-label={`Download ${path}`}>
                <DownloadIcon />
              </Button>
              <Button variant="outline" size="sm" onClick={downloadAll} aria-label="Download all files as a zip">
                <DownloadIcon />
                <span className="hidden sm:inline">All (.zip)</span>
              </Button>
            </div>
          )}
          <span aria-live="polite" className="sr-only">
            {copied ? `${path} copied to the clipboard` : ""}
          </span>
          <div className="min-h-0 flex-1 bg-[#282c34]">
            <CodeViewer path={path} content={content} onChange={(next) => update({ ...files, [path]: next })} />
          </div>
        </section>
      </div>
    </div>
  );
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
