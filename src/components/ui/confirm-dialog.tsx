"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { Button } from "./button";
import { Spinner } from "./spinner";

/**
 * A yes/no question on Radix's alert dialog: focus trapped, the page inert, Escape and Cancel
 * close it, focus returns to the opener, and Cancel has focus first. While the action is
 * pending the dialog stays open and its buttons are disabled.
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
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (pending && !next ? undefined : onOpenChange(next))}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-hidden rounded-xl border border-border bg-background text-foreground shadow-xl focus:outline-none">
          <div className="flex flex-col gap-2 p-5">
            <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
            <AlertDialog.Description asChild>
              <div className="text-sm text-muted-foreground">{description}</div>
            </AlertDialog.Description>
          </div>
          <div className="flex justify-end gap-2 border-t border-border bg-muted/40 px-5 py-3">
            <AlertDialog.Cancel asChild>
              <Button variant="outline" disabled={pending}>
                Cancel
              </Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes at once, and this waits for the action to finish. */}
            <Button variant={destructive ? "destructive" : "primary"} onClick={onConfirm} disabled={pending}>
              {pending && <Spinner />}
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
