import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { providers } from "@/lib/providers";
import { SIGN_IN_PATH, withNext } from "@/modules/auth/routes";
import { getCurrentUser } from "@/modules/auth/server/current-auth";
import { accountSecurity } from "@/modules/auth/server/local-accounts";
import { SESSION_IDLE_TIMEOUT_MS, SESSION_TTL_MS } from "@/modules/auth/server/session-policy";
import { ChangePasswordForm } from "@/modules/auth/ui/change-password-form";
import { clerkUi } from "@/modules/auth/ui/clerk-ui";
import { SignOutEverywhereButton } from "@/modules/auth/ui/sign-out-everywhere-button";

export const metadata: Metadata = { title: "Account" };

const DAY_MS = 24 * 60 * 60 * 1000;

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect(withNext(SIGN_IN_PATH, "/account"));
  if (providers.auth === "clerk") {
    // Clerk keeps passwords and sessions; its own profile manages them.
    const { UserProfile } = await clerkUi();
    return (
      <div className="mx-auto flex w-full max-w-3xl justify-center px-4 py-8">
        <UserProfile routing="hash" />
      </div>
    );
  }
  const { hasPassword, liveSessions } = await accountSecurity(user.id);

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="text-sm text-muted-foreground">Signed in as {user.email}.</p>
      </div>
      {hasPassword && (
        <Card>
          <CardHeader className="p-6 pb-4">
            <h2 className="text-lg font-semibold">Password</h2>
            <CardDescription>Changing it signs you out on every other device.</CardDescription>
          </CardHeader>
          <CardContent className="p-6 pt-0">
            <ChangePasswordForm />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader className="p-6 pb-4">
          <h2 className="text-lg font-semibold">Sessions</h2>
          <CardDescription>
            {liveSessions === 1 ? "You are signed in on 1 device or browser." : `You are signed in on ${liveSessions} devices or browsers.`}{" "}
            Sessions end after {SESSION_TTL_MS / DAY_MS} days, or after {SESSION_IDLE_TIMEOUT_MS / DAY_MS} days without use.
          </CardDescription>
        </CardHeader>
        <CardContent className="p-6 pt-0">
          <SignOutEverywhereButton />
        </CardContent>
      </Card>
    </div>
  );
}
