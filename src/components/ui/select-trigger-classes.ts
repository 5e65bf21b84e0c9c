import { cn } from "./cn";

/** The closed select's look, shared by the Radix trigger and OptionSelect's stand-in (which must not import Radix). */
export function selectTriggerClasses(className?: string) {
  return cn(
    "inline-flex h-9 w-full items-center justify-between gap-2 rounded-md border border-border bg-background px-3 text-sm shadow-xs",
    "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-60 data-[placeholder]:text-muted-foreground",
    className,
  );
}
