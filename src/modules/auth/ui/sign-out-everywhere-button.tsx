import { signOutEverywhereAction } from "@/modules/auth/server/actions";
import { SubmitButton } from "./submit-button";

/** Ends every session of this account, on every device, this one included. Works without JavaScript. */
export function SignOutEverywhereButton() {
  return (
    <form action={signOutEverywhereAction}>
      <SubmitButton variant="outline" pendingLabel="Signing out everywhere…">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
