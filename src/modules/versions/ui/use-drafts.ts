"use client";

import { useCallback, useEffect, useMemo, useState } from "react";

/**
 * Unsaved hand edits per version, held above the tabs so they survive switching tabs and
 * versions. While any draft exists, leaving the page asks first (beforeunload).
 */
export function useDrafts() {
  const [drafts, setDrafts] = useState<Record<string, Record<string, string>>>({});
  const dirty = Object.keys(drafts).length > 0;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const set = useCallback((fragmentId: string, files: Record<string, string> | null) => {
    setDrafts(({ [fragmentId]: _old, ...rest }) => (files ? { ...rest, [fragmentId]: files } : rest));
  }, []);

  return useMemo(
    () => ({ get: (fragmentId: string) => drafts[fragmentId] ?? null, has: (fragmentId: string) => fragmentId in drafts, set, dirty }),
    [drafts, set, dirty],
  );
}
