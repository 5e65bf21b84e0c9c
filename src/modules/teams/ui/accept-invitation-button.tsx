"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { reloadInto } from "./reload-into";

/** Joins the team (which becomes the active team) and opens its projects. */
export function AcceptInvitationButton({ token, teamName }: { token: string; teamName: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.teams.invitations.accept.mutationOptions({ onSuccess: () => reloadInto("/projects") }));
  const busy = accept.isPending || accept.isSuccess;
  return (
    <div className="flex flex-col gap-3">
      <Button size="lg" className="w-full" onClick={() => accept.mutate({ token })} disabled={busy}>
        {busy && <Spinner />}
        Join {teamName}
      </Button>
      {accept.isError && (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(accept.error)}
        </p>
      )}
    </div>
  );
}
