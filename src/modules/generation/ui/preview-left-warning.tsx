"use client";

import { TriangleAlertIcon, ArrowLeftIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * Covers a preview frame that navigated away from the preview, hiding the foreign page: inside
 * Ollio's UI it would look trusted (a fake sign-in, say). The way out reloads the version.
 */
export function PreviewLeftWarning({ onBack }: { onBack: () => void }) {
  return (
    <div
      role="alert"
      className="absolute inset-0 z-10 flex flex-col items-center justify-center gap-3 bg-background p-8 text-center"
    >
      <span className="grid size-12 place-items-center rounded-full bg-destructive/10 text-destructive">
        <TriangleAlertIcon className="size-5" />
      </span>
      <p className="font-medium">This preview left your app</p>
      <p className="max-w-sm text-sm text-muted-foreground">
        It tried to show a page that is not part of this version, so Ollio hid it. Never enter passwords or other details
        into a page inside a preview.
      </p>
      <Button onClick={onBack}>
        <ArrowLeftIcon />
        Back to preview
      </Button>
    </div>
  );
}
