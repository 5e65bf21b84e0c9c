"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { RefreshCwIcon, XIcon } from "lucide-react";
import { toast } from "@/components/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { InvitationLink } from "./invite-form";
import { ROLE_LABELS } from "./types";
import { useRefreshTeam } from "./use-team-mutation";

const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });

/** Pending (and expired) invitations with Resend (new link, new week) and Revoke. */
export function InvitationsList() {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const invitations = useQuery(trpc.teams.invitations.list.queryOptions());
  const resend = useMutation(
    trpc.teams.invitations.resend.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => toast.error("Could not resend the invitation", { description: errorMessage(error) }),
    }),
  );
  const revoke = useMutation(
    trpc.teams.invitations.revoke.mutationOptions({
      onSuccess: () => {
        toast.success("Invitation revoked");
        void refresh();
      },
      onError: (error) => toast.error("Could not revoke the invitation", { description: errorMessage(error) }),
    }),
  );

  if (!invitations.data || invitations.data.length === 0) {
    return <p className="text-sm text-muted-foreground">No pending invitations.</p>;
  }
  return (
    <div className="flex flex-col gap-3">
      <ul aria-label="Pending invitations" className="divide-y divide-border rounded-lg border border-border">
        {invitations.data.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2">
            <div className="flex min-w-0 flex-1 flex-col">
              <span className="truncate text-sm font-medium">{invitation.email}</span>
              <span className="text-xs text-muted-foreground">
                {ROLE_LABELS[invitation.role]} · {invitation.expired ? "expired" : `expires ${day.format(new Date(invitation.expiresAt))}`}
                {invitation.invitedBy ? ` · invited by ${invitation.invitedBy}` : ""}
              </span>
            </div>
            {invitation.expired && <Badge variant="warning">Expired</Badge>}
            <div className="flex gap-1">
              <Button variant="ghost" size="sm" onClick={() => resend.mutate({ invitationId: invitation.id })} disabled={resend.isPending}>
                <RefreshCwIcon aria-hidden />
                Resend
              </Button>
              <Button
                variant="ghost"
                size="sm"
                className="hover:text-destructive"
                onClick={() => revoke.mutate({ invitationId: invitation.id })}
                disabled={revoke.isPending}
                aria-label={`Revoke the invitation for ${invitation.email}`}
              >
                <XIcon aria-hidden />
                Revoke
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {resend.data && <InvitationLink link={resend.data.link} email={resend.data.email} mailed={resend.data.mailed} mailError={resend.data.mailError} />}
    </div>
  );
}
