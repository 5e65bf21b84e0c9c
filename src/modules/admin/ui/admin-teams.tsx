"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Gift, Search, Users } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { toast } from "@/components/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { OptionSelect } from "@/components/ui/option-select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import type { AppRouter } from "@/trpc/routers/_app";

type TeamRow = inferRouterOutputs<AppRouter>["admin"]["teams"][number];
type PlanOption = { value: TeamRow["plan"]; label: string };

/** Every team with its plan, members, credits and this month's usage; change a plan or grant credits. */
export function AdminTeams({ plans }: { plans: PlanOption[] }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const teams = useQuery(trpc.admin.teams.queryOptions({ search: deferred }, { placeholderData: (previous) => previous }));

  return (
    <div className="flex flex-col gap-4">
      <div className="relative w-full sm:max-w-sm">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input aria-label="Search teams" placeholder="Search by team or owner email" value={search} onChange={(e) => setSearch(e.target.value)} className="pl-8" />
      </div>
      {teams.isError && <p role="alert" className="text-sm text-destructive">{errorMessage(teams.error)}</p>}
      {teams.data?.length === 0 && <p className="text-sm text-muted-foreground">No team matches.</p>}
      <ul className="flex flex-col gap-3" aria-label="Teams">
        {teams.data?.map((team) => (
          <li key={team.id}>
            <TeamCard team={team} plans={plans} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function TeamCard({ team, plans }: { team: TeamRow; plans: PlanOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [granting, setGranting] = useState(false);
  const changePlan = useMutation(
    trpc.admin.changePlan.mutationOptions({
      onSuccess: ({ to, creditsAdded }) => {
        toast.success(`${team.name} is now on ${plans.find((p) => p.value === to)?.label ?? to}${creditsAdded ? ` (+${creditsAdded} credits this month)` : ""}`);
        void queryClient.invalidateQueries(trpc.admin.teams.queryFilter());
        // The admin's own team may be this one: the header's plan and credits (see shell/ui/header-sync).
        void queryClient.invalidateQueries(trpc.usage.status.queryFilter());
        void queryClient.invalidateQueries(trpc.teams.list.queryFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <Card className="flex flex-col gap-3 p-4 md:flex-row md:items-center md:justify-between" aria-label={team.name} role="group">
      <div className="flex min-w-0 flex-col gap-1">
        <p className="flex min-w-0 items-center gap-2 font-medium">
          <span className="truncate">{team.name}</span>
          <Badge variant={team.plan === "FREE" ? "neutral" : "primary"}>{team.plan}</Badge>
        </p>
        <p className="truncate text-xs text-muted-foreground">{team.ownerEmail ?? "No owner"}</p>
        <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground tabular-nums">
          <span className="inline-flex items-center gap-1">
            <Users aria-hidden className="size-3" />
            {team.members} {team.members === 1 ? "member" : "members"}
          </span>
          <span data-testid="team-balance">
            {team.balance} / {team.granted} credits left
          </span>
          <span>
            This month: {team.runsThisMonth} runs, {team.creditsUsedThisMonth} credits, {team.tokensThisMonth.toLocaleString("en")} tokens
          </span>
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <OptionSelect
          label={`Plan of ${team.name}`}
          value={team.plan}
          size="sm"
          className="w-28"
          disabled={changePlan.isPending}
          options={plans}
          onValueChange={(plan) => changePlan.mutate({ teamId: team.id, plan: plan as TeamRow["plan"] })}
        />
        <Button variant="outline" size="sm" onClick={() => setGranting(true)}>
          <Gift aria-hidden />
          Grant credits
        </Button>
      </div>
      <GrantDialog team={team} open={granting} onOpenChange={setGranting} />
    </Card>
  );
}

function GrantDialog({ team, open, onOpenChange }: { team: TeamRow; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState("50");
  const [note, setNote] = useState("");
  const grant = useMutation(
    trpc.admin.grantCredits.mutationOptions({
      onSuccess: ({ balance }) => {
        toast.success(`Granted: ${team.name} has ${balance} credits this month`);
        setNote("");
        onOpenChange(false);
        void queryClient.invalidateQueries(trpc.admin.teams.queryFilter());
        void queryClient.invalidateQueries(trpc.usage.status.queryFilter());
        void queryClient.invalidateQueries(trpc.teams.list.queryFilter());
      },
    }),
  );
  return (
    <ModalDialog open={open} onOpenChange={onOpenChange} title={`Grant credits to ${team.name}`} description="Added to this month's balance, on top of the plan's credits.">
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          grant.mutate({ teamId: team.id, amount: Number(amount), note });
        }}
      >
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`grant-amount-${team.id}`}>Credits</Label>
          <Input id={`grant-amount-${team.id}`} type="number" min={1} step={1} inputMode="numeric" required value={amount} onChange={(e) => setAmount(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`grant-note-${team.id}`}>Note</Label>
          <Textarea id={`grant-note-${team.id}`} required maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why, e.g. “Launch week”" />
        </div>
        {grant.isError && <p role="alert" className="text-sm text-destructive">{errorMessage(grant.error)}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={grant.isPending}>
            {grant.isPending && <Spinner />}
            Grant
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
