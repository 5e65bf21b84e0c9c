import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { displayNameOf } from "@/modules/auth/display-name";
import { SIGN_IN_PATH, SIGN_UP_PATH } from "@/modules/auth/routes";
import { getCurrentUser } from "@/modules/auth/server/current-auth";
import { SignOutButton } from "@/modules/auth/ui/sign-out-button";
import { getQueryClient, trpc } from "@/trpc/server";
import { CreditsIndicator, type Usage } from "./credits-indicator";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";

/** The bar on every page: who is signed in, for which team and plan, and how many credits are left. */
export async function AppHeader() {
  const user = await getCurrentUser();
  // Rendered with the numbers rather than a placeholder; the client keeps them fresh afterwards.
  const usage: Usage | null = user ? await getQueryClient().fetchQuery(trpc.usage.status.queryOptions()).catch(() => null) : null;
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="flex h-14 items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Logo />
        {user && (
          <nav aria-label="Main">
            <NavLink href="/projects">Projects</NavLink>
            <NavLink href="/account">Account</NavLink>
          </nav>
        )}
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          {user ? (
            <>
              <CreditsIndicator initialUsage={usage} />
              <div className="hidden min-w-0 flex-col items-end leading-tight md:flex">
                <span className="max-w-48 truncate text-sm font-medium" title={user.email}>
                  {displayNameOf(user)}
                </span>
                <span className="flex items-center gap-1.5 text-xs text-muted-foreground">
                  <span className="max-w-40 truncate">{user.team.name}</span>
                  <Badge variant={user.team.plan === "PRO" ? "primary" : "neutral"} className="px-1.5 py-0 text-[10px] uppercase tracking-wide">
                    {user.team.plan}
                  </Badge>
                </span>
              </div>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href={SIGN_IN_PATH} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                Sign in
              </Link>
              <Link href={SIGN_UP_PATH} className={buttonClasses({ size: "sm" })}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
