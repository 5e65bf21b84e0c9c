"use client";

import { useRef } from "react";
import type { ChatMessage } from "./types";

/**
 * Tells screen-reader users how a generation ended: the newest assistant message, but only one
 * that arrived while this page was open (not the history present on load).
 */
export function OutcomeAnnouncer({ messages }: { messages: ChatMessage[] | undefined }) {
  const presentOnLoad = useRef<Set<string> | null>(null);
  if (messages && presentOnLoad.current === null) presentOnLoad.current = new Set(messages.map((m) => m.id));

  const last = messages?.at(-1);
  const fresh = last && last.role === "ASSISTANT" && !presentOnLoad.current?.has(last.id);
  const text = !fresh ? "" : last.kind === "ERROR" ? `Generation failed. ${last.content}` : `New version ready. ${last.content}`;

  return (
    <p aria-live="polite" className="sr-only">
      {text}
    </p>
  );
}
