"use client";

import { useMutation } from "@tanstack/react-query";
import { LogOutIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { reloadInto } from "./reload-into";
import type { CurrentTeam } from "./types";

/** Leave (anyone, except the last owner) and delete (owners; refused while a run is active). */
export function DangerZone({ team }: { team: CurrentTeam }) {
  const trpc = useTRPC();
  const [confirm, setConfirm] = useState<"leave" | "delete" | null>(null);
  const onError = (title: string) => (error: unknown) => {
    setConfirm(null);
    toast.error(title, { description: errorMessage(error) });
  };
  const leave = useMutation(trpc.teams.leave.mutationOptions({ onSuccess: () => reloadInto("/projects"), onError: onError("Could not leave the team") }));
  const remove = useMutation(trpc.teams.delete.mutationOptions({ onSuccess: () => reloadInto("/projects"), onError: onError("Could not delete the team") }));

  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" onClick={() => setConfirm("leave")}>
        <LogOutIcon aria-hidden />
        Leave team
      </Button>
      {team.permissions["team.delete"] && (
        <Button variant="destructive" onClick={() => setConfirm("delete")}>
          <Trash2Icon aria-hidden />
          Delete team
        </Button>
      )}
      <ConfirmDialog
        open={confirm === "leave"}
        onOpenChange={(open) => setConfirm(open ? "leave" : null)}
        title={`Leave ${team.name}?`}
        description="You lose access to its projects and credits. Someone will have to invite you again."
        confirmLabel="Leave team"
        destructive
        pending={leave.isPending}
        onConfirm={() => leave.mutate()}
      />
      <ConfirmDialog
        open={confirm === "delete"}
        onOpenChange={(open) => setConfirm(open ? "delete" : null)}
        title={`Delete ${team.name}?`}
        description="Its projects, versions, credits and invitations are deleted for everyone. This cannot be undone."
        confirmLabel="Delete team"
        destructive
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </div>
  );
}
