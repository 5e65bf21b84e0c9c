"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { trpcClient } from "@/trpc/vanilla-client";
import { reloadInto } from "./reload-into";

/** Names a new team; the server makes the creator its owner and switches to it. */
export function CreateTeamDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const inputId = useId();
  const [name, setName] = useState("");
  // The plain tRPC client: the dialog also opens from the header, which has no React Query; on
  // success the page reloads into the new team, so there is no cache to update.
  const [state, setState] = useState<{ status: "idle" | "pending" | "done" } | { status: "error"; error: unknown }>({ status: "idle" });
  const busy = state.status === "pending" || state.status === "done";
  const create = (input: { name: string }) => {
    setState({ status: "pending" });
    trpcClient.teams.create.mutate(input).then(
      () => {
        setState({ status: "done" });
        reloadInto("/team");
      },
      (error: unknown) => setState({ status: "error", error }),
    );
  };

  return (
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <DialogContent title="Create a team" description="Projects and credits in a team are shared with everyone you invite.">
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create({ name: name.trim() });
          }}
        >
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={inputId}>Team name</Label>
            <Input id={inputId} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required autoFocus disabled={busy} />
            {state.status === "error" && (
              <p role="alert" className="text-sm text-destructive">
                {errorMessage(state.error)}
              </p>
            )}
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy || !name.trim()}>
              {busy && <Spinner />}
              Create team
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
