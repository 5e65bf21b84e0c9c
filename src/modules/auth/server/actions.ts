"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { env } from "@/env";
import { AppError } from "@/lib/errors";
import { providers } from "@/lib/providers";
import type { AuthFormState } from "@/modules/auth/form-state";
import { AFTER_SIGN_OUT_PATH, safeNextPath } from "@/modules/auth/routes";
import { signInInputSchema, signUpInputSchema } from "@/modules/auth/schemas";
import { SESSION_COOKIE_NAME, sessionCookieOptions } from "@/modules/auth/session-cookie";
import { clientAddressFrom } from "./client-address";
import { signIn, signUp, type RequestDetails } from "./local-accounts";
import { WeakPasswordError } from "./password-strength";
import { revokeSession, type NewSession } from "./sessions";

/**
 * Server actions behind the local sign-in, sign-up and sign-out forms: parse the form, call the
 * domain, set or clear the cookie, redirect. Next checks the Origin of every server action, which
 * also covers login CSRF.
 */

export async function signInAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: text(form, "email") };
  if (providers.auth === "clerk") return { values, formError: CLERK_HANDLES_IT };
  const parsed = signInInputSchema.safeParse({ email: values.email, password: text(form, "password") });
  if (!parsed.success) return { values, fieldErrors: firstErrors(parsed.error) };

  try {
    const { session } = await signIn(parsed.data, await requestDetails());
    await setSessionCookie(session);
  } catch (error) {
    if (error instanceof AppError) return { values, formError: error.message };
    throw error;
  }
  redirect(safeNextPath(form.get("next")));
}

export async function signUpAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: text(form, "email"), name: text(form, "name") };
  if (providers.auth === "clerk") return { values, formError: CLERK_HANDLES_IT };
  const parsed = signUpInputSchema.safeParse({ ...values, password: text(form, "password") });
  if (!parsed.success) return { values, fieldErrors: firstErrors(parsed.error) };

  try {
    const { session } = await signUp(parsed.data, await requestDetails());
    await setSessionCookie(session);
  } catch (error) {
    // The only conflict sign-up has is a taken email: show it on the email field.
    if (error instanceof AppError && error.code === "CONFLICT") return { values, fieldErrors: { email: error.message } };
    if (error instanceof WeakPasswordError) return { values, fieldErrors: { password: error.message } };
    if (error instanceof AppError) return { values, formError: error.message };
    throw error;
  }
  redirect(safeNextPath(form.get("next")));
}

/** Revokes the session row (the token stops working everywhere) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE_NAME)?.value;
  if (token) await revokeSession(token);
  store.delete({ name: SESSION_COOKIE_NAME, path: "/" });
  redirect(AFTER_SIGN_OUT_PATH);
}

const CLERK_HANDLES_IT = "Sign-in is handled by Clerk on this server. Reload the page.";

async function setSessionCookie({ token, expiresAt }: NewSession) {
  const store = await cookies();
  store.set(SESSION_COOKIE_NAME, token, sessionCookieOptions(expiresAt, { nodeEnv: env.NODE_ENV, appUrl: env.APP_URL }));
}

async function requestDetails(): Promise<RequestDetails> {
  const incoming = await headers();
  return { clientAddress: clientAddressFrom(incoming), userAgent: incoming.get("user-agent") };
}

function text(form: FormData, field: string): string {
  const value = form.get(field);
  return typeof value === "string" ? value : "";
}

function firstErrors(error: z.ZodError): AuthFormState["fieldErrors"] {
  const { fieldErrors } = z.flattenError(error) as { fieldErrors: Record<string, string[] | undefined> };
  return { email: fieldErrors.email?.[0], password: fieldErrors.password?.[0], name: fieldErrors.name?.[0] };
}
