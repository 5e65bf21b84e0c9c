"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, MailIcon } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { RoleSelect } from "./role-select";
import type { Role } from "./types";
import { useRefreshTeam } from "./use-team-mutation";

/** Invite by email with a role; shows the link to copy (and whether it was also mailed). */
export function InviteForm({ roles }: { roles: Role[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const emailId = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("MEMBER");
  const invite = useMutation(
    trpc.teams.invitations.create.mutationOptions({
      onSuccess: () => {
        setEmail("");
        void refresh();
      },
    }),
  );

  return (
    <div className="flex flex-col gap-3">
      <form
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          if (email.trim()) invite.mutate({ email: email.trim(), role });
        }}
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <Label htmlFor={emailId}>Email</Label>
          <Input id={emailId} type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@example.com" required maxLength={254} />
        </div>
        <div className="flex gap-2">
          <RoleSelect value={role} roles={roles} onValueChange={setRole} label="Role for the invitation" className="w-32" />
          <Button type="submit" disabled={invite.isPending || !email.trim()}>
            {invite.isPending ? <Spinner /> : <MailIcon aria-hidden />}
            Invite
          </Button>
        </div>
      </form>
      {invite.isError && (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(invite.error)}
        </p>
      )}
      {invite.data && <InvitationLink link={invite.data.link} email={invite.data.email} mailed={invite.data.mailed} mailError={invite.data.mailError} />}
    </div>
  );
}

/** The link to pass on: one click copies it. */
export function InvitationLink({ link, email, mailed, mailError }: { link: string; email: string; mailed: boolean; mailError: string | null }) {
  const [copied, setCopied] = useState(false);
  const fieldId = useId();
  return (
    <div role="status" className="flex flex-col gap-2 rounded-lg border border-primary/25 bg-primary/5 p-3">
      <p className="text-sm">
        {mailed ? `Invitation emailed to ${email}. You can also send them this link:` : `Send this link to ${email}. It works once, for that email, for 7 days.`}
      </p>
      {mailError && <p className="text-sm text-amber-800">{mailError}</p>}
      <div className="flex gap-2">
        <label htmlFor={fieldId} className="sr-only">
          Invitation link
        </label>
        <Input id={fieldId} readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 font-mono text-xs" />
        <Button
          variant="outline"
          onClick={async () => {
            await navigator.clipboard?.writeText(link).catch(() => {});
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
        >
          {copied ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
    </div>
  );
}
