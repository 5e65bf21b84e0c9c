"use client";

import { useCallback, useRef } from "react";

/**
 * One key per submit attempt of a given text: retrying the same text after a failure reuses the
 * key (so a request that did reach the server is not applied twice); new text, or a submit after
 * a success, gets a fresh one.
 */
export function useIdempotencyKey() {
  const last = useRef<{ text: string; key: string } | null>(null);

  const keyFor = useCallback((text: string) => {
    if (last.current?.text !== text) last.current = { text, key: randomKey() };
    return last.current.key;
  }, []);

  const settle = useCallback(() => {
    last.current = null;
  }, []);

  return { keyFor, settle };
}

// crypto.randomUUID exists only in secure contexts; self-hosted Ollio may be served over plain http.
function randomKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
