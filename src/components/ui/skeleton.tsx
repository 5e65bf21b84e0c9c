import { cn } from "./cn";

/** A placeholder block; hidden from assistive tech — pair it with a status text where it matters. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none", className)} {...props} />;
}
