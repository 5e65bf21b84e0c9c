"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { useRefreshTeam } from "./use-team-mutation";

export function RenameTeamForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const inputId = useId();
  const [value, setValue] = useState(name);
  const rename = useMutation(
    trpc.teams.rename.mutationOptions({
      onSuccess: () => {
        toast.success("Team renamed");
        void refresh();
      },
      onError: (error) => toast.error("Could not rename the team", { description: errorMessage(error) }),
    }),
  );
  const trimmed = value.trim();
  return (
    <form
      className="flex flex-col gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed && trimmed !== name) rename.mutate({ name: trimmed });
      }}
    >
      <Label htmlFor={inputId}>Team name</Label>
      <div className="flex gap-2">
        <Input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} maxLength={60} className="min-w-0 flex-1" />
        <Button type="submit" variant="outline" disabled={!trimmed || trimmed === name || rename.isPending}>
          Rename
        </Button>
      </div>
    </form>
  );
}
