"use client";

import * as TabsPrimitive from "@radix-ui/react-tabs";
import { cn } from "./cn";

/**
 * WAI-ARIA tabs on Radix: roving tabindex, arrow keys / Home / End move between tabs and select
 * them (automatic activation).
 */
export function Tabs({
  value,
  onValueChange,
  className,
  children,
}: {
  value: string;
  onValueChange: (value: string) => void;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <TabsPrimitive.Root value={value} onValueChange={onValueChange} activationMode="automatic" className={className}>
      {children}
    </TabsPrimitive.Root>
  );
}

export function TabsList({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.List> & { "aria-label": string }) {
  return <TabsPrimitive.List className={cn("inline-flex items-center gap-1 rounded-lg bg-muted p-1", className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors motion-reduce:transition-none",
        "hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&_svg]:size-4",
        "data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-sm",
        className,
      )}
      {...props}
    />
  );
}

/** Inactive panels stay mounted but hidden, so an iframe or editor keeps its state across tab switches. */
export function TabsContent({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Content>) {
  return <TabsPrimitive.Content forceMount className={cn("data-[state=inactive]:hidden", className)} {...props} />;
}
