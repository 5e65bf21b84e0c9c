"use client";

import { useLinkStatus } from "next/link";
import { Spinner } from "./ui/spinner";

/**
 * A spinner inside a <Link> while its navigation is pending. Pages that open straight from a
 * link (a project) have no loading.tsx on purpose: its Suspense fallback makes React hold the
 * real page back for its ~300 ms reveal throttle.
 */
export function LinkPendingSpinner({ className }: { className?: string }) {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span role="status" className={className}>
      <Spinner className="size-3.5" />
      <span className="sr-only">Opening…</span>
    </span>
  );
}
