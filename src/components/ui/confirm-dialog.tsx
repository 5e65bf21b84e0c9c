"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "./button";
import { Spinner } from "./spinner";

/**
 * A modal confirmation built on <dialog>.showModal(): the browser traps focus, makes the page
 * inert, closes on Escape and returns focus to the opener.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  pending = false,
  destructive = false,
  onConfirm,
  onOpenChange,
}: {
  open: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pending?: boolean;
  destructive?: boolean;
  onConfirm: () => void;
  onOpenChange: (open: boolean) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={() => onOpenChange(false)}
      onCancel={(event) => {
        if (pending) event.preventDefault();
      }}
      // A click on the backdrop lands on the <dialog> element itself.
      onClick={(event) => {
        if (event.target === ref.current && !pending) onOpenChange(false);
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-border bg-background p-0 text-foreground shadow-xl backdrop:bg-black/40"
    >
      <div className="flex flex-col gap-2 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </div>
      </div>
      <div className="flex justify-end gap-2 border-t border-border bg-muted/40 px-5 py-3">
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={pending} autoFocus>
          Cancel
        </Button>
        <Button variant={destructive ? "destructive" : "primary"} onClick={onConfirm} disabled={pending}>
          {pending && <Spinner />}
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
