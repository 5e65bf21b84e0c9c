"use client";

import { CheckIcon, FolderIcon, PlusIcon, SettingsIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "@/components/toast";
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
import type { OnDemandTriggerProps } from "@/components/ui/on-demand";
import { CreateTeamDialog } from "@/modules/teams/ui/create-team-dialog";
import { reloadInto } from "@/modules/teams/ui/reload-into";
import type { MyTeam } from "@/modules/teams/ui/types";
import { trpcClient } from "@/trpc/vanilla-client";
import { errorMessage } from "./error-message";

export type TeamMenuProps = {
  teams: MyTeam[] | undefined;
  trigger: React.ComponentProps<"button">;
};

/**
 * The team switcher's menu (loaded on first intent, see ./team-switcher): every team of the user
 * with its plan and credits left, switching, team settings and creating a team.
 */
export default function TeamMenu({ teams, trigger, triggerRef }: TeamMenuProps & OnDemandTriggerProps) {
  const [creating, setCreating] = useState(false);
  // The header has no React Query (see ./header-state): the plain client, and the page reloads on success.
  const [switching, setSwitching] = useState(false);
  const switchTo = (teamId: string) => {
    setSwitching(true);
    trpcClient.teams.switch.mutate({ teamId }).then(
      () => reloadInto("/projects"),
      (error: unknown) => {
        setSwitching(false);
        toast.error("Could not switch teams", { description: errorMessage(error) });
      },
    );
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger ref={triggerRef} {...trigger} />
        <DropdownMenuContent align="start">
          <DropdownMenuLabel>Your teams</DropdownMenuLabel>
          <DropdownMenuGroup>
            {(teams ?? []).map((team) => (
              <DropdownMenuItem
                key={team.id}
                disabled={switching}
                onSelect={() => {
                  if (!team.active) switchTo(team.id);
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
