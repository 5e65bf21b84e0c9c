"use client";

import { MergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { EditorView, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { languageFor } from "@/modules/generation/ui/code-viewer";

/** Two sides of one file, read-only, with changed lines marked (CodeMirror's merge view). */
export function MergeViewer({ path, before, after }: { path: string; before: string; after: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const extensions = [lineNumbers(), EditorState.readOnly.of(true), EditorView.editable.of(false), oneDark, languageFor(path)];
    const view = new MergeView({
      parent: host.current,
      a: { doc: before, extensions: [...extensions, EditorView.contentAttributes.of({ "aria-label": `${path} before` })] },
      b: { doc: after, extensions: [...extensions, EditorView.contentAttributes.of({ "aria-label": `${path} after` })] },
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [path, before, after]);
  return <div ref={host} data-testid="merge-view" className="h-full min-h-0 overflow-auto bg-[#282c34] text-[13px]" />;
}
