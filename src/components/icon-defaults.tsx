"use client";

import { LucideProvider } from "lucide-react";

/** lucide's icons at the app's default size (16 px, as the UI was drawn); a class still overrides it. */
export function IconDefaults({ children }: { children: React.ReactNode }) {
  return <LucideProvider size={16}>{children}</LucideProvider>;
}
