"use client";

import { Dialog, DialogContent } from "./dialog";

/** A controlled modal with a title: the dialog in ./dialog, opened and closed by its owner. */
export function ModalDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description={description} className="flex max-h-[calc(100dvh-2rem)] flex-col overflow-y-auto">
        <div className="flex flex-col gap-4">{children}</div>
      </DialogContent>
    </Dialog>
  );
}
