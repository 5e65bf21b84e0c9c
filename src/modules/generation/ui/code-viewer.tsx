"use client";

import { css } from "@codemirror/lang-css";
import { html } from "@codemirror/lang-html";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState, type Extension } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";

function languageFor(path: string): Extension {
  const extension = path.split(".").pop()?.toLowerCase();
  switch (extension) {
    case "html":
    case "htm":
    case "svg":
      return html();
    case "css":
      return css();
    case "js":
    case "mjs":
    case "cjs":
      return javascript();
    case "jsx":
      return javascript({ jsx: true });
    case "ts":
    case "mts":
      return javascript({ typescript: true });
    case "tsx":
      return javascript({ jsx: true, typescript: true });
    case "json":
      return javascript();
    default:
      return [];
  }
}

const fillHeight = EditorView.theme({
  "&": { height: "100%", fontSize: "13px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.6" },
  "&.cm-focused": { outline: "none" },
});

/**
 * A read-only CodeMirror 6 view of one file. It stays keyboard-navigable (cursor and selection
 * work, edits do not); Tab is not captured, so it never traps focus.
 */
export function CodeViewer({ path, content }: { path: string; content: string }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: content,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          drawSelection(),
          highlightActiveLine(),
          EditorState.readOnly.of(true),
          EditorView.contentAttributes.of({ "aria-label": `${path} (read-only)` }),
          oneDark,
          fillHeight,
          languageFor(path),
        ],
      }),
    });
    return () => view.destroy();
  }, [path, content]);

  return <div ref={host} data-testid="code-viewer" className="h-full min-h-0 overflow-hidden" />;
}
