"use client";

import { useFormStatus } from "react-dom";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

type SubmitButtonProps = {
  children: React.ReactNode;
  pendingLabel: string;
  /** From useActionState; without it the enclosing form's status (useFormStatus) is used. */
  pending?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
};

/** A form's submit button that says what is happening while the action runs. */
export function SubmitButton({ children, pendingLabel, pending, variant, size, className }: SubmitButtonProps) {
  const status = useFormStatus();
  const isPending = pending ?? status.pending;
  return (
    <button type="submit" disabled={isPending} className={buttonClasses({ variant, size, className })}>
      {isPending && <Spinner />}
      {isPending ? pendingLabel : children}
    </button>
  );
}
