"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { AlertTriangle, ArrowUpCircle } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Label } from "@/components/ui/label";
import { OptionSelect } from "@/components/ui/option-select";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import type { AppRouter } from "@/trpc/routers/_app";

type TeamPlan = inferRouterOutputs<AppRouter>["teamUsage"]["plan"];

const renewal = (date: Date | string) => new Date(date).toLocaleDateString("en", { month: "long", day: "numeric", timeZone: "UTC" });

/** The team's plan and this period's credits; out of credits, when they renew and how to get more. */
export function PlanCard() {
  const trpc = useTRPC();
  const plan = useQuery(trpc.teamUsage.plan.queryOptions());
  const [open, setOpen] = useState(false);
  if (!plan.data) return null;
  const { balance, granted, periodEnd, howToGetMore } = plan.data;
  const current = plan.data.plans.find((p) => p.plan === plan.data.plan);

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <CardTitle className="flex items-center gap-2">
            Plan <Badge variant="primary">{current?.label ?? plan.data.plan}</Badge>
          </CardTitle>
          <CardDescription>
            {balance} of {granted} credits left · renews {renewal(periodEnd)}
            {current ? ` · ${current.monthlyCredits} credits a month, ${current.seats} seats` : ""}
          </CardDescription>
        </div>
        <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
          <ArrowUpCircle aria-hidden />
          Change plan
        </Button>
      </CardHeader>
      {balance === 0 && (
        <CardContent>
          <p role="status" className="flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive/10 p-3 text-sm text-destructive">
            <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              Your team is out of credits. They renew on {renewal(periodEnd)}. {howToGetMore}
            </span>
          </p>
        </CardContent>
      )}
      <ChangePlanDialog open={open} onOpenChange={setOpen} plan={plan.data} />
    </Card>
  );
}

function ChangePlanDialog({ open, onOpenChange, plan }: { open: boolean; onOpenChange: (open: boolean) => void; plan: TeamPlan }) {
  const trpc = useTRPC();
  const others = plan.plans.filter((p) => p.plan !== plan.plan);
  const [choice, setChoice] = useState(others[0]?.plan ?? plan.plan);
  const request = useMutation(trpc.teamUsage.requestPlanChange.mutationOptions());
  const close = (next: boolean) => {
    if (!next) request.reset();
    onOpenChange(next);
  };
  return (
    <ModalDialog open={open} onOpenChange={close} title="Change plan" description="Pick the plan your team should be on.">
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          request.mutate({ plan: choice });
        }}
      >
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="plan-choice">New plan</Label>
          <OptionSelect
            id="plan-choice"
            label="New plan"
            value={choice}
            onValueChange={(value) => setChoice(value as typeof choice)}
            options={others.map((p) => ({ value: p.plan, label: `${p.label} — ${p.monthlyCredits} credits a month, ${p.seats} seats` }))}
          />
        </div>
        {request.isError && (
          <p role="alert" className="rounded-md border border-destructive/30 bg-destructive/10 p-3 text-sm text-destructive">
            {errorMessage(request.error)}
          </p>
        )}
        {request.data?.kind === "ask-admin" && (
          <p role="status" className="rounded-md border border-border bg-muted p-3 text-sm">
            {request.data.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => close(false)}>
            Close
          </Button>
          <Button type="submit" disabled={request.isPending}>
            {request.isPending && <Spinner />}
            Request change
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
