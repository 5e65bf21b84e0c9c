"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CheckIcon, ChevronsUpDownIcon, FolderIcon, PlusIcon, SettingsIcon, UserIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { CreateTeamDialog } from "@/modules/teams/ui/create-team-dialog";
import { reloadInto } from "@/modules/teams/ui/reload-into";
import type { MyTeam } from "@/modules/teams/ui/types";
import { useTRPC } from "@/trpc/client";
import { errorMessage } from "./error-message";

/**
 * The header's team menu: the active team, every team of the user with its plan and credits
 * left, switching, team settings and creating a team.
 */
export function TeamSwitcher({ initialTeams, activeName }: { initialTeams: MyTeam[] | null; activeName: string }) {
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const teams = useQuery(trpc.teams.list.queryOptions(undefined, { initialData: initialTeams ?? undefined }));
  const active = teams.data?.find((t) => t.active);
  const switchTeam = useMutation(
    trpc.teams.switch.mutationOptions({
      onSuccess: () => reloadInto("/projects"),
      onError: (error) => toast.error("Could not switch teams", { description: errorMessage(error) }),
    }),
  );

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label={`Team: ${active?.name ?? activeName}. Switch team`}
          className="inline-flex h-8 min-w-0 max-w-[8rem] items-center gap-1.5 rounded-md border border-border bg-background px-2 text-sm font-medium shadow-xs hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring sm:max-w-[14rem]"
        >
          {active?.personal === false ? <UsersIcon aria-hidden className="size-4 shrink-0" /> : <UserIcon aria-hidden className="size-4 shrink-0" />}
          <span className="min-w-0 truncate">{active?.name ?? activeName}</span>
          <ChevronsUpDownIcon aria-hidden className="size-3.5 shrink-0 opacity-60" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuLabel>Your teams</DropdownMenuLabel>
          <DropdownMenuGroup>
            {(teams.data ?? []).map((team) => (
              <DropdownMenuItem
                key={team.id}
                disabled={switchTeam.isPending}
                onSelect={() => {
                  if (!team.active) switchTeam.mutate({ teamId: team.id });
                }}
                aria-current={team.active || undefined}
              >
                <CheckIcon aria-hidden className={cn(team.active ? "opacity-100" : "opacity-0")} />
                <span className="flex min-w-0 flex-1 flex-col">
                  <span className="truncate">{team.name}</span>
                  <span className="text-xs text-muted-foreground">
                    {team.credits} {team.credits === 1 ? "credit" : "credits"} left · {team.role.toLowerCase()}
                  </span>
                </span>
                <Badge variant={team.plan === "FREE" ? "neutral" : "primary"} className="px-1.5 py-0 text-[10px] uppercase tracking-wide">
                  {team.plan}
                </Badge>
              </DropdownMenuItem>
            ))}
          </DropdownMenuGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/projects">
              <FolderIcon aria-hidden />
              Projects
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/team">
              <SettingsIcon aria-hidden />
              Team settings
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <PlusIcon aria-hidden />
            Create team
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateTeamDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
