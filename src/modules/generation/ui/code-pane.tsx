"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { toast } from "sonner";
import { CheckIcon, CopyIcon, DownloadIcon, FileCodeIcon, FileIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import { cn } from "@/components/ui/cn";
import { downloadBlob, fileSafeName } from "./download";
import { sortedPaths, type FragmentView } from "./fragment";
import { zipFiles } from "./zip-files";

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

/** The version's files: a list on the left, the selected file read-only on the right. */
export function CodePane({ fragment }: { fragment: FragmentView | null }) {
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
  return <FragmentFiles key={fragment.id} title={fragment.title} files={files.data.files} />;
}

function CodePaneNote({ children, role }: { children: React.ReactNode; role?: "status" | "alert" }) {
  return (
    <div role={role} className="flex h-full items-center justify-center p-8 text-center text-sm text-muted-foreground">
      {children}
    </div>
  );
}

function FragmentFiles({ title, files }: { title: string; files: Record<string, string> }) {
  const paths = sortedPaths(files);
  const [selected, setSelected] = useState(paths[0]!);
  const [copied, setCopied] = useState(false);
  const path = files[selected] !== undefined ? selected : paths[0]!;
  const content = files[path] ?? "";

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

  function downloadAll() {
    downloadBlob(`${fileSafeName(title)}.zip`, new Blob([zipFiles(files)], { type: "application/zip" }));
  }

  return (
    <div className="flex h-full min-h-0 flex-col md:flex-row">
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
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-label={`Contents of ${path}`} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <div className="flex items-center gap-1 border-b border-border px-3 py-1.5">
          <span className="min-w-0 flex-1 truncate font-mono text-xs text-muted-foreground">{path}</span>
          <Button variant="ghost" size="sm" onClick={copy} aria-label={`Copy ${path}`}>
            {copied ? <CheckIcon /> : <CopyIcon />}
            <span className="hidden lg:inline">{copied ? "Copied" : "Copy"}</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={downloadFile} aria-label={`Download ${path}`}>
            <DownloadIcon />
            <span className="hidden lg:inline">File</span>
          </Button>
          <Button variant="outline" size="sm" onClick={downloadAll} aria-label="Download all files as a zip">
            <DownloadIcon />
            <span className="hidden sm:inline">All (.zip)</span>
          </Button>
        </div>
        <span aria-live="polite" className="sr-only">
          {copied ? `${path} copied to the clipboard` : ""}
        </span>
        <div className="min-h-0 flex-1 bg-[#282c34]">
          <CodeViewer path={path} content={content} />
        </div>
      </section>
    </div>
  );
}
