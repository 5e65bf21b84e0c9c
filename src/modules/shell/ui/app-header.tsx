import Link from "next/link";
import { ThemeToggle } from "@/components/theme-toggle";
import { buttonClasses } from "@/components/ui/button";
import { displayNameOf } from "@/modules/auth/display-name";
import { SIGN_IN_PATH, SIGN_UP_PATH } from "@/modules/auth/routes";
import { getCurrentUser } from "@/modules/auth/server/current-auth";
import { SignOutButton } from "@/modules/auth/ui/sign-out-button";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { isInstanceAdmin } from "@/modules/admin/server/instance-admins";
import { getQueryClient, trpc } from "@/trpc/server-query";
import { CreditsIndicator, type Usage } from "./credits-indicator";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { TeamSwitcher } from "./team-switcher";

/** The bar on every page: who is signed in, for which team and plan, and how many credits are left. */
export async function AppHeader() {
  const user = await getCurrentUser();
  // Rendered with the numbers rather than a placeholder; the client keeps them fresh afterwards.
  const [usage, teams, isAdmin] = user
    ? await Promise.all([
        getQueryClient().fetchQuery(trpc.usage.status.queryOptions()).catch((): Usage | null => null),
        getQueryClient().fetchQuery(trpc.teams.list.queryOptions()).catch(() => null),
        isInstanceAdmin(db, user.id, env.OLLIO_ADMIN_EMAILS),
      ])
    : [null, null, false];
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="flex h-14 items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Logo />
        {user && (
          <>
            <TeamSwitcher initialTeams={teams} activeName={user.team.name} />
            <nav aria-label="Main" className="hidden items-center sm:flex">
              <NavLink href="/projects">Projects</NavLink>
              <NavLink href="/team">Team</NavLink>
              <NavLink href="/account">Account</NavLink>
              {isAdmin && <NavLink href="/admin">Admin</NavLink>}
            </nav>
          </>
        )}
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          <ThemeToggle />
          {user ? (
            <>
              <CreditsIndicator initialUsage={usage} />
              <span className="hidden max-w-48 truncate text-sm font-medium md:inline" title={user.email}>
                {displayNameOf(user)}
              </span>
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
