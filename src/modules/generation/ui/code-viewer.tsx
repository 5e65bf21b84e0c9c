"use client";

import { css } from "@codemirror/lang-css";
import { html } from "@codemirror/lang-html";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState, type Extension } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from "@codemirror/view";
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

/** Syntax highlighting for a path, for the editor and the compare view. */
export { languageFor };

/**
 * A CodeMirror 6 editor for one file. `onChange` gets every edit; the document is replaced only
 * when `content` changes from outside (a discarded draft, another file), so typing never jumps.
 * Tab indents (as editors do); Escape then Tab leaves the editor, so focus is never trapped.
 */
export function CodeViewer({ path, content, onChange }: { path: string; content: string; onChange?: (content: string) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const editable = Boolean(onChange);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: content,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          drawSelection(),
          highlightActiveLine(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorState.readOnly.of(!editable),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current?.(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ "aria-label": editable ? `Edit ${path}` : `${path} (read-only)` }),
          oneDark,
          fillHeight,
          languageFor(path),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is rebuilt per file; content changes are applied below without a rebuild.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, editable]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== content) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: content } });
    }
  }, [content]);

  return <div ref={host} data-testid="code-viewer" className="h-full min-h-0 overflow-hidden" />;
}
