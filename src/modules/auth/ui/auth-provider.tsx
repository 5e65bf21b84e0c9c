import type { ReactNode } from "react";
import { env } from "@/env";
import { providers } from "@/lib/providers";
import { AFTER_SIGN_OUT_PATH, SIGN_IN_PATH, SIGN_UP_PATH } from "@/modules/auth/routes";
import { clerkUi } from "./clerk-ui";

/**
 * Wraps the app in <ClerkProvider> only when Clerk is configured; local accounts need no client
 * context. A Server Component, so the choice is made on the server from the same `providers.auth`
 * the rest of the server uses, and the publishable key is passed explicitly. Clerk's code is loaded only then (see clerk-ui.ts).
 */
export async function AuthProvider({ children }: { children: ReactNode }) {
  if (providers.auth !== "clerk") return children;
  const { ClerkProvider } = await clerkUi();
  return (
    <ClerkProvider
      // Renders Clerk's script tags on the server with the CSP nonce (read from the x-nonce header the proxy sets).
      dynamic
      publishableKey={env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}
      signInUrl={SIGN_IN_PATH}
      signUpUrl={SIGN_UP_PATH}
      afterSignOutUrl={AFTER_SIGN_OUT_PATH}
    >
      {children}
    </ClerkProvider>
  );
}
