import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { getCurrentUser } from "@/modules/auth/server/current-auth";
import { invitationTokenSchema } from "@/modules/teams/server/inputs";
import { previewInvitation } from "@/modules/teams/server/invitations";
import { InvitationView } from "@/modules/teams/ui/invitation-view";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

/** Public: the token alone shows which team and email it is for; joining needs that account. */
export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const valid = invitationTokenSchema.safeParse(token).success;
  const [invitation, user] = await Promise.all([valid ? previewInvitation(db, token) : null, getCurrentUser()]);
  return (
    <div className="flex flex-1 items-start justify-center px-4 py-12 sm:py-20">
      <InvitationView token={token} invitation={invitation} signedInAs={user?.email ?? null} />
    </div>
  );
}
