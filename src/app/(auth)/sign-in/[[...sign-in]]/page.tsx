import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { providers } from "@/lib/providers";
import { prefillEmail, SIGN_IN_PATH, SIGN_UP_PATH, safeNextPath } from "@/modules/auth/routes";
import { getCurrentAuth } from "@/modules/auth/server/current-auth";
import { AuthCard } from "@/modules/auth/ui/auth-card";
import { clerkUi } from "@/modules/auth/ui/clerk-ui";
import { SignInForm } from "@/modules/auth/ui/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// Optional catch-all: Clerk's <SignIn/> puts its later steps under /sign-in/...
type Props = {
  params: Promise<{ "sign-in"?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function SignInPage({ params, searchParams }: Props) {
  const query = await searchParams;
  const next = safeNextPath(query.next);
  if (providers.auth === "clerk") {
    const { SignIn } = await clerkUi();
    return <SignIn path={SIGN_IN_PATH} signUpUrl={SIGN_UP_PATH} fallbackRedirectUrl={next} />;
  }
  if ((await params)["sign-in"]?.length) notFound();
  if (await getCurrentAuth()) redirect(next);

  return (
    <AuthCard title="Sign in to Ollio" description="Welcome back. Enter your email and password.">
      <SignInForm next={next} defaultEmail={prefillEmail(query.email)} />
    </AuthCard>
  );
}
