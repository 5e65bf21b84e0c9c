"use client";

import { useActionState } from "react";
import { initialChangePasswordFormState } from "@/modules/auth/form-state";
import { PASSWORD_HINT, PASSWORD_MAX, PASSWORD_MIN } from "@/modules/auth/password-policy";
import { changePasswordAction } from "@/modules/auth/server/actions";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

/** Change password: needs the current one; other sessions are signed out, this one stays. */
export function ChangePasswordForm() {
  const [state, formAction, isPending] = useActionState(changePasswordAction, initialChangePasswordFormState);

  return (
    // Keyed on success so the fields clear once the password changed.
    <form key={state.done ?? "form"} action={formAction} aria-busy={isPending} className="grid gap-4">
      <FormAlert message={state.formError} />
      {state.done && (
        <p role="status" className="rounded-md border border-border bg-muted px-3 py-2 text-sm">
          {state.done}
        </p>
      )}
      <FormField
        id="current-password"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.currentPassword}
      />
      <FormField
        id="new-password"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={PASSWORD_HINT}
        error={state.fieldErrors?.newPassword}
      />
      <SubmitButton className="w-full sm:w-auto" pending={isPending} pendingLabel="Changing password…">
        Change password
      </SubmitButton>
    </form>
  );
}
