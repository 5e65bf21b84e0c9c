import { cn } from "./cn";

const variants = {
  neutral: "border-border bg-muted text-foreground",
  primary: "border-transparent bg-primary/10 text-primary",
  success: "border-transparent bg-emerald-500/10 text-emerald-700",
  warning: "border-transparent bg-amber-500/15 text-amber-800",
  destructive: "border-transparent bg-destructive/10 text-destructive",
} as const;

export type BadgeVariant = keyof typeof variants;

export function Badge({ variant = "neutral", className, ...props }: React.ComponentProps<"span"> & { variant?: BadgeVariant }) {
  return (
    <span
      className={cn("inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium [&_svg]:size-3", variants[variant], className)}
      {...props}
    />
  );
}
