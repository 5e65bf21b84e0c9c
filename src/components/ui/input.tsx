import { cn } from "./cn";

export const fieldClasses =
  "w-full rounded-md border border-border bg-background px-3 text-sm shadow-xs placeholder:text-muted-foreground " +
  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:border-transparent " +
  "disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive";

export function Input({ className, inputSize = "md", ...props }: React.ComponentProps<"input"> & { inputSize?: "sm" | "md" }) {
  return <input className={cn(fieldClasses, inputSize === "sm" ? "h-8" : "h-9", "py-1", className)} {...props} />;
}
