"use client";

import Link from "next/link";
import { useActionState } from "react";
import { initialAuthFormState } from "@/modules/auth/form-state";
import { SIGN_IN_PATH, withNext } from "@/modules/auth/routes";
import { PASSWORD_HINT, PASSWORD_MAX, PASSWORD_MIN } from "@/modules/auth/password-policy";
import { signUpAction } from "@/modules/auth/server/actions";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

/** Local-accounts sign-up: creates the account and its personal team, then signs in. */
export function SignUpForm({ next, defaultEmail }: { next: string; defaultEmail?: string }) {
  const [state, formAction, isPending] = useActionState(signUpAction, initialAuthFormState);

  return (
    <form action={formAction} aria-busy={isPending} className="grid gap-4">
      <input type="hidden" name="next" value={next} />
      <FormAlert message={state.formError} />
      <FormField
        id="sign-up-name"
        name="name"
        type="text"
        label="Name (optional)"
        autoComplete="name"
        maxLength={80}
        defaultValue={state.values.name}
        error={state.fieldErrors?.name}
      />
      <FormField
        id="sign-up-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state.values.email || defaultEmail}
        error={state.fieldErrors?.email}
      />
      <FormField
        id="sign-up-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={PASSWORD_HINT}
        error={state.fieldErrors?.password}
      />
      <SubmitButton className="w-full" pending={isPending} pendingLabel="Creating account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href={withNext(SIGN_IN_PATH, next)} className="rounded-sm font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          Sign in
        </Link>
      </p>
    </form>
  );
}
