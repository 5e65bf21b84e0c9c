import { z } from "zod";
import { textInput } from "@/lib/text-input";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";

/** Input rules for local accounts. Shared by the server actions (field errors) and the domain (the guarantee). */
const email = textInput({ message: "Enter your email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }).max(254, "That email address is too long"));

const newPassword = textInput({ message: "Choose a password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const signUpInputSchema = z.object({
  email,
  password: newPassword,
  name: textInput()
    .trim()
    .max(80, "Use at most 80 characters")
    .optional()
    .transform((name) => name || undefined),
});

export const signInInputSchema = z.object({
  email,
  // Only a sanity cap: a password of the wrong length is simply a wrong password.
  password: textInput({ message: "Enter your password" }).min(1, "Enter your password").max(1024),
});

export const changePasswordInputSchema = z.object({
  currentPassword: textInput({ message: "Enter your current password" }).min(1, "Enter your current password").max(1024),
  newPassword,
});

export type SignUpInput = z.input<typeof signUpInputSchema>;
export type SignInInput = z.input<typeof signInInputSchema>;
export type ChangePasswordInput = z.input<typeof changePasswordInputSchema>;
