import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { providers } from "@/lib/providers";
import { prefillEmail, SIGN_IN_PATH, SIGN_UP_PATH, safeNextPath } from "@/modules/auth/routes";
import { getCurrentAuth } from "@/modules/auth/server/current-auth";
import { AuthCard } from "@/modules/auth/ui/auth-card";
import { clerkUi } from "@/modules/auth/ui/clerk-ui";
import { SignUpForm } from "@/modules/auth/ui/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

// Optional catch-all: Clerk's <SignUp/> puts its later steps (e.g. email verification) under /sign-up/...
type Props = {
  params: Promise<{ "sign-up"?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function SignUpPage({ params, searchParams }: Props) {
  const query = await searchParams;
  const next = safeNextPath(query.next);
  if (providers.auth === "clerk") {
    const { SignUp } = await clerkUi();
    return <SignUp path={SIGN_UP_PATH} signInUrl={SIGN_IN_PATH} fallbackRedirectUrl={next} />;
  }
  if ((await params)["sign-up"]?.length) notFound();
  if (await getCurrentAuth()) redirect(next);

  return (
    <AuthCard title="Create your Ollio account" description="Sign up with your email and a password.">
      <SignUpForm next={next} defaultEmail={prefillEmail(query.email)} />
    </AuthCard>
  );
}
