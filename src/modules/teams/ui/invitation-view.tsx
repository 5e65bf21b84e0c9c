import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { SIGN_IN_PATH, SIGN_UP_PATH, withNext } from "@/modules/auth/routes";
import { AuthCard } from "@/modules/auth/ui/auth-card";
import { SignOutButton } from "@/modules/auth/ui/sign-out-button";
import type { previewInvitation } from "@/modules/teams/server/invitations";
import { AcceptInvitationButton } from "./accept-invitation-button";
import { ROLE_LABELS } from "./types";

type Preview = NonNullable<Awaited<ReturnType<typeof previewInvitation>>>;

const CLOSED: Record<Exclude<Preview["status"], "pending">, string> = {
  accepted: "This invitation has already been used. If you still need to join, ask for a new one.",
  revoked: "This invitation was revoked. Ask whoever invited you for a new one.",
  expired: "This invitation has expired. Ask whoever invited you for a new one.",
};

/**
 * /invitations/[token], by state: not valid; used, revoked or expired; signed out (sign up or in
 * with the invited email, then come back); signed in as someone else; or ready to join.
 */
export function InvitationView({ token, invitation, signedInAs }: { token: string; invitation: Preview | null; signedInAs: string | null }) {
  if (!invitation) {
    return (
      <AuthCard title="Invitation not found" description="This invitation link is not valid.">
        <p className="text-sm text-muted-foreground">Check that you copied the whole link, or ask whoever invited you for a new one.</p>
      </AuthCard>
    );
  }
  const title = `Join ${invitation.teamName}`;
  const who = `${invitation.invitedBy ?? "Someone"} invited ${invitation.email} to join ${invitation.teamName} as ${ROLE_LABELS[invitation.role].toLowerCase()}.`;
  if (invitation.status !== "pending") {
    return (
      <AuthCard title={title} description={who}>
        <p role="alert" className="text-sm text-destructive">
          {CLOSED[invitation.status]}
        </p>
      </AuthCard>
    );
  }
  const here = `/invitations/${token}`;
  if (!signedInAs) {
    return (
      <AuthCard title={title} description={who}>
        <div className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">Sign up or sign in with {invitation.email} to accept.</p>
          <Link href={withNext(SIGN_UP_PATH, here, { email: invitation.email })} className={buttonClasses({ size: "lg", className: "w-full" })}>
            Sign up to join
          </Link>
          <Link href={withNext(SIGN_IN_PATH, here, { email: invitation.email })} className={buttonClasses({ variant: "outline", size: "lg", className: "w-full" })}>
            I already have an account
          </Link>
        </div>
      </AuthCard>
    );
  }
  if (signedInAs !== invitation.email) {
    return (
      <AuthCard title={title} description={who}>
        <div className="flex flex-col gap-3">
          <p role="alert" className="text-sm text-destructive">
            This invitation is for {invitation.email}, but you are signed in as {signedInAs}. Sign out, then sign in with {invitation.email} to accept it.
          </p>
          <SignOutButton className="self-start" />
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} description={who}>
      <AcceptInvitationButton token={token} teamName={invitation.teamName} />
    </AuthCard>
  );
}
