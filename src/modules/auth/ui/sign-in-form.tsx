"use client";

import Link from "next/link";
import { useActionState } from "react";
import { initialAuthFormState } from "@/modules/auth/form-state";
import { SIGN_UP_PATH, withNext } from "@/modules/auth/routes";
import { signInAction } from "@/modules/auth/server/actions";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

/** Local-accounts sign-in. Works without JavaScript too (the action re-renders the page). */
export function SignInForm({ next, defaultEmail }: { next: string; defaultEmail?: string }) {
  const [state, formAction, isPending] = useActionState(signInAction, initialAuthFormState);

  return (
    <form action={formAction} aria-busy={isPending} className="grid gap-4">
      <input type="hidden" name="next" value={next} />
      <FormAlert message={state.formError} />
      <FormField
        id="sign-in-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        inputMode="email"
        required
        defaultValue={state.values.email || defaultEmail}
        error={state.fieldErrors?.email}
      />
      <FormField
        id="sign-in-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <SubmitButton className="w-full" pending={isPending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        No account yet?{" "}
        <Link href={withNext(SIGN_UP_PATH, next)} className="rounded-sm font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          Create one
        </Link>
      </p>
    </form>
  );
}
