"use client";

import { useQuery } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useTRPC } from "@/trpc/client";
import { CreateTeamDialog } from "./create-team-dialog";
import { DangerZone } from "./danger-zone";
import { InvitationsList } from "./invitations-list";
import { InviteForm } from "./invite-form";
import { MembersList } from "./members-list";
import { RenameTeamForm } from "./rename-team-form";
import { ROLE_LABELS } from "./types";

/** /team: the active team's name, seats, members, invitations, leave and delete. */
export function TeamSettings({ nav }: { nav?: React.ReactNode }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.teams.current.queryOptions());
  const [creating, setCreating] = useState(false);
  if (!team.data) return null;
  const t = team.data;
  const { total, members, pendingInvitations } = t.seats;

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{t.name}</h1>
          {nav}
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <Badge variant={t.plan === "FREE" ? "neutral" : "primary"}>{t.plan}</Badge>
            <span>You are {ROLE_LABELS[t.role].toLowerCase()}</span>
            {!t.personal && (
              <span>
                · {members + pendingInvitations} of {total} seats used
              </span>
            )}
          </p>
        </div>
        <Button variant="outline" onClick={() => setCreating(true)}>
          <PlusIcon aria-hidden />
          Create team
        </Button>
      </div>

      {t.personal && (
        <Card className="p-4 text-sm text-muted-foreground">
          This is your personal team, just for you. To work with others, create a team and invite them: they share its projects and credits.
        </Card>
      )}

      {t.permissions["team.rename"] && (
        <section aria-labelledby="team-name" className="flex flex-col gap-2">
          <h2 id="team-name" className="sr-only">
            Name
          </h2>
          <RenameTeamForm key={t.name} name={t.name} />
        </section>
      )}

      <section aria-labelledby="members-heading" className="flex flex-col gap-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        <MembersList team={t} />
      </section>

      {!t.personal && t.permissions["members.invite"] && (
        <section aria-labelledby="invite-heading" className="flex flex-col gap-3">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite people
          </h2>
          <InviteForm roles={t.assignableRoles} />
          <h3 className="text-sm font-semibold">Pending invitations</h3>
          <InvitationsList />
        </section>
      )}

      {!t.personal && (
        <section aria-labelledby="danger-heading" className="flex flex-col gap-3 border-t border-border pt-6">
          <h2 id="danger-heading" className="text-lg font-semibold">
            Leave or delete
          </h2>
          <DangerZone team={t} />
        </section>
      )}
      <CreateTeamDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}
