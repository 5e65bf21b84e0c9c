"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { env } from "@/env";
import { AppError } from "@/lib/errors";
import { providers } from "@/lib/providers";
import type { AuthFormState, ChangePasswordFormState } from "@/modules/auth/form-state";
import { AFTER_SIGN_OUT_PATH, SIGN_IN_PATH, safeNextPath } from "@/modules/auth/routes";
import { changePasswordInputSchema, signInInputSchema, signUpInputSchema } from "@/modules/auth/schemas";
import { isHttpsRequest, SESSION_COOKIE_NAMES, sessionCookie, sessionTokenFrom } from "@/modules/auth/session-cookie";
import { clientAddressFrom } from "./client-address";
import { getCurrentAuth } from "./current-auth";
import { changePassword, signIn, signUp, type RequestDetails } from "./local-accounts";
import { WeakPasswordError } from "./password-strength";
import { revokeAllSessionsForUser, revokeSession, type NewSession } from "./sessions";

/**
 * Server actions behind the local sign-in, sign-up, sign-out and account forms: parse the form,
 * call the domain, set or clear the cookie, redirect. Next checks the Origin of every server action, which
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
  const token = sessionTokenFrom(await cookies());
  if (token) await revokeSession(token);
  await clearSessionCookies();
  redirect(AFTER_SIGN_OUT_PATH);
}

/** Ends every session of the signed-in user, this one included, on every device. */
export async function signOutEverywhereAction(): Promise<void> {
  if (providers.auth === "clerk") redirect(AFTER_SIGN_OUT_PATH);
  const auth = await getCurrentAuth();
  if (auth) await revokeAllSessionsForUser(auth.userId);
  await clearSessionCookies();
  redirect(SIGN_IN_PATH);
}

/** Needs the current password; ends every other session, keeps this one. */
export async function changePasswordAction(_previous: ChangePasswordFormState, form: FormData): Promise<ChangePasswordFormState> {
  if (providers.auth === "clerk") return { formError: CLERK_HANDLES_IT };
  const auth = await getCurrentAuth();
  if (!auth) redirect(SIGN_IN_PATH);
  const parsed = changePasswordInputSchema.safeParse({ currentPassword: text(form, "currentPassword"), newPassword: text(form, "newPassword") });
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error) as { fieldErrors: Record<string, string[] | undefined> };
    return { fieldErrors: { currentPassword: fieldErrors.currentPassword?.[0], newPassword: fieldErrors.newPassword?.[0] } };
  }
  try {
    const keepSessionToken = sessionTokenFrom(await cookies());
    const { endedSessions } = await changePassword(auth.userId, parsed.data, { ...(await requestDetails()), keepSessionToken });
    const others = endedSessions === 1 ? "1 other session was" : `${endedSessions} other sessions were`;
    return { done: `Password changed. ${others} signed out.` };
  } catch (error) {
    if (error instanceof WeakPasswordError) return { fieldErrors: { newPassword: error.message } };
    if (error instanceof AppError && error.code === "UNAUTHORIZED") return { fieldErrors: { currentPassword: error.message } };
    if (error instanceof AppError) return { formError: error.message };
    throw error;
  }
}

const CLERK_HANDLES_IT = "Sign-in is handled by Clerk on this server. Reload the page.";

async function setSessionCookie({ token, expiresAt }: NewSession) {
  const store = await cookies();
  const https = isHttpsRequest({ forwardedProto: (await headers()).get("x-forwarded-proto"), nodeEnv: env.NODE_ENV, appUrl: env.APP_URL });
  const { name, options } = sessionCookie(expiresAt, https);
  // One session cookie at a time: drop one left under the other name (e.g. from before TLS was set up).
  for (const other of SESSION_COOKIE_NAMES) if (other !== name && store.has(other)) store.delete({ name: other, path: "/" });
  store.set(name, token, options);
}

async function clearSessionCookies() {
  const store = await cookies();
  // __Host- cookies can only be cleared with Secure set, like they were written.
  for (const name of SESSION_COOKIE_NAMES) {
    if (store.has(name)) store.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Host-") });
  }
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
