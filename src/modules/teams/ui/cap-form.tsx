"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { useRefreshTeam } from "./use-team-mutation";

/** A member's monthly credit cap: a number, or empty for no cap. */
export function CapForm({ userId, name, cap }: { userId: string; name: string; cap: number | null }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const inputId = useId();
  const [value, setValue] = useState(cap === null ? "" : String(cap));
  const save = useMutation(
    trpc.teams.members.setCap.mutationOptions({
      onSuccess: ({ monthlyCreditCap }) => {
        toast.success(monthlyCreditCap === null ? `${name} has no monthly cap now` : `${name} may spend ${monthlyCreditCap} ${monthlyCreditCap === 1 ? "credit" : "credits"} a month`);
        void refresh();
      },
      onError: (error) => toast.error("Could not set the cap", { description: errorMessage(error) }),
    }),
  );
  const parsed = value.trim() === "" ? null : Number(value);
  const invalid = parsed !== null && (!Number.isInteger(parsed) || parsed < 0);
  const unchanged = parsed === cap;

  return (
    <form
      className="flex items-center gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid && !unchanged) save.mutate({ userId, monthlyCreditCap: parsed });
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        Monthly credit cap for {name}
      </label>
      {/* Sized by a wrapper: field classes carry w-full, and classes are joined, not merged. */}
      <div className="w-20">
        <Input
          id={inputId}
          inputMode="numeric"
          inputSize="sm"
          placeholder="No cap"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={invalid || undefined}
        />
      </div>
      <Button type="submit" variant="outline" size="sm" disabled={invalid || unchanged || save.isPending}>
        Set cap
      </Button>
    </form>
  );
}
