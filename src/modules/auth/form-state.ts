/** What the sign-in/sign-up actions hand back to their forms when they do not redirect. */
export type AuthFormState = {
  /** Echoed back so the form keeps what was typed (never the password). */
  values: { email: string; name?: string };
  fieldErrors?: Partial<Record<"email" | "password" | "name", string>>;
  formError?: string;
};

export const initialAuthFormState: AuthFormState = { values: { email: "" } };

/** What the change-password action hands back to its form. */
export type ChangePasswordFormState = {
  fieldErrors?: Partial<Record<"currentPassword" | "newPassword", string>>;
  formError?: string;
  /** Set once the password changed: what happened, for the form to announce. */
  done?: string;
};

export const initialChangePasswordFormState: ChangePasswordFormState = {};
