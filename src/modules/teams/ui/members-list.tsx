"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CrownIcon, UserMinusIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/components/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { CapForm } from "./cap-form";
import { RoleSelect } from "./role-select";
import { ROLE_LABELS, type CurrentTeam, type TeamMember } from "./types";
import { useRefreshTeam } from "./use-team-mutation";

/** Everyone in the team: role (changeable where allowed), spending this month and cap, remove. */
export function MembersList({ team }: { team: CurrentTeam }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.teams.members.list.queryOptions());
  if (!members.data) return null;
  return (
    <ul aria-label="Members" className="divide-y divide-border rounded-lg border border-border">
      {members.data.map((member) => (
        <MemberRow key={member.userId} member={member} team={team} />
      ))}
    </ul>
  );
}

function MemberRow({ member, team }: { member: TeamMember; team: CurrentTeam }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const [confirm, setConfirm] = useState<"remove" | "transfer" | null>(null);
  const changeRole = useMutation(
    trpc.teams.members.changeRole.mutationOptions({
      onSuccess: ({ role }) => {
        toast.success(`${member.name} is now ${ROLE_LABELS[role].toLowerCase()}`);
        void refresh();
      },
      onError: (error) => toast.error("Could not change the role", { description: errorMessage(error) }),
    }),
  );
  const remove = useMutation(
    trpc.teams.members.remove.mutationOptions({
      onSuccess: () => {
        toast.success(`Removed ${member.name}`);
        setConfirm(null);
        void refresh();
      },
      onError: (error) => toast.error("Could not remove the member", { description: errorMessage(error) }),
    }),
  );
  const transfer = useMutation(
    trpc.teams.members.transferOwnership.mutationOptions({
      onSuccess: () => {
        toast.success(`${member.name} now owns ${team.name}; you are an admin`);
        setConfirm(null);
        void refresh();
      },
      onError: (error) => toast.error("Could not transfer ownership", { description: errorMessage(error) }),
    }),
  );
  const canTransfer = !member.isYou && member.role !== "OWNER" && !team.personal && team.permissions["team.transferOwnership"];
  const canCap = team.permissions["members.setCap"] && (member.manageable || (member.isYou && team.role === "OWNER"));
  const spent = member.spentThisPeriod;

  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-3" aria-label={member.name}>
      <div className="flex min-w-0 flex-1 basis-48 flex-col">
        <span className="truncate text-sm font-medium">
          {member.name}
          {member.isYou && <span className="text-muted-foreground"> (you)</span>}
        </span>
        <span className="truncate text-xs text-muted-foreground">{member.email}</span>
        {spent !== null && (
          <span className="text-xs text-muted-foreground">
            {member.monthlyCreditCap === null
              ? `${spent} ${spent === 1 ? "credit" : "credits"} used this month`
              : `${spent} of ${member.monthlyCreditCap} ${member.monthlyCreditCap === 1 ? "credit" : "credits"} used this month`}
          </span>
        )}
      </div>
      {member.manageable ? (
        <RoleSelect
          value={member.role}
          roles={team.assignableRoles.includes(member.role) ? team.assignableRoles : [member.role, ...team.assignableRoles]}
          onValueChange={(role) => role !== member.role && changeRole.mutate({ userId: member.userId, role })}
          label={`Role of ${member.name}`}
          disabled={changeRole.isPending}
          className="w-28"
        />
      ) : (
        <Badge variant={member.role === "MEMBER" ? "neutral" : "primary"}>{ROLE_LABELS[member.role]}</Badge>
      )}
      {canCap && <CapForm userId={member.userId} name={member.name} cap={member.monthlyCreditCap} />}
      {canTransfer && (
        <Button variant="ghost" size="icon-sm" aria-label={`Transfer ownership to ${member.name}`} title="Transfer ownership" onClick={() => setConfirm("transfer")}>
          <CrownIcon aria-hidden />
        </Button>
      )}
      {member.manageable && team.permissions["members.remove"] && (
        <Button variant="ghost" size="icon-sm" aria-label={`Remove ${member.name}`} className="hover:text-destructive" onClick={() => setConfirm("remove")}>
          <UserMinusIcon aria-hidden />
        </Button>
      )}
      <ConfirmDialog
        open={confirm === "transfer"}
        onOpenChange={(open) => setConfirm(open ? "transfer" : null)}
        title={`Make ${member.name} the owner?`}
        description={`${member.name} becomes an owner of ${team.name} and you become an admin. Only an owner can give ownership back.`}
        confirmLabel="Transfer ownership"
        pending={transfer.isPending}
        onConfirm={() => transfer.mutate({ userId: member.userId })}
      />
      <ConfirmDialog
        open={confirm === "remove"}
        onOpenChange={(open) => setConfirm(open ? "remove" : null)}
        title={`Remove ${member.name}?`}
        description={`${member.name} loses access to ${team.name} and its projects. Projects they created stay with the team.`}
        confirmLabel="Remove"
        destructive
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ userId: member.userId })}
      />
    </li>
  );
}
