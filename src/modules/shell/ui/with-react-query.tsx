import { TRPCReactProvider } from "@/trpc/client";
import { HeaderSync } from "./header-sync";

/**
 * React Query and the tRPC React client, for the routes that use them (their layouts render
 * this). Not in the root layout: the landing page does without them and loads ~25 KB less.
 */
export function WithReactQuery({ children }: { children: React.ReactNode }) {
  return (
    <TRPCReactProvider>
      <HeaderSync />
      {children}
    </TRPCReactProvider>
  );
}
