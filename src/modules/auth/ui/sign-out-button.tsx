import { buttonClasses } from "@/components/ui/button";
import { providers } from "@/lib/providers";
import { AFTER_SIGN_OUT_PATH } from "@/modules/auth/routes";
import { signOutAction } from "@/modules/auth/server/actions";
import { clerkUi } from "./clerk-ui";
import { SubmitButton } from "./submit-button";

/**
 * "Sign out" for the header (a Server Component: it decides between the two modes on the server).
 * Local accounts: a form posting the sign-out action, so it works without JavaScript. Clerk: Clerk's
 * own sign-out, which ends the Clerk session in the browser.
 */
export async function SignOutButton({ className }: { className?: string }) {
  if (providers.auth === "clerk") {
    const { SignOutButton: ClerkSignOutButton } = await clerkUi();
    return (
      <ClerkSignOutButton redirectUrl={AFTER_SIGN_OUT_PATH}>
        <button type="button" className={buttonClasses({ variant: "ghost", size: "sm", className })}>
          Sign out
        </button>
      </ClerkSignOutButton>
    );
  }
  return (
    <form action={signOutAction}>
      <SubmitButton variant="ghost" size="sm" pendingLabel="Signing out…" className={className}>
        Sign out
      </SubmitButton>
    </form>
  );
}
