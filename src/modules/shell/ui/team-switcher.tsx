"use client";

import { ChevronsUpDownIcon, UserIcon, UsersIcon } from "lucide-react";
import { MENU_OPEN_KEYS, OnDemand, onDemand } from "@/components/ui/on-demand";
import type { MyTeam } from "@/modules/teams/ui/types";
import { useHeaderValue } from "./header-state";
import type { TeamMenuProps } from "./team-menu";

// The menu (Radix, and the create-team dialog) loads when the button is first pointed at, focused or pressed.
const teamMenu = onDemand<TeamMenuProps>(() => import("./team-menu").then((m) => m.default));

/**
 * The header's team button: the active team, kept fresh by `teams.list` (./header-state); it
 * opens the menu of the user's teams (./team-menu) for switching, team settings and creating a team.
 */
export function TeamSwitcher({ initialTeams, activeName }: { initialTeams: MyTeam[] | null; activeName: string }) {
  const teams = useHeaderValue("teams", initialTeams);
  const active = teams?.find((t) => t.active);
  const trigger = {
    "aria-label": `Team: ${active?.name ?? activeName}. Switch team`,
    className:
      "inline-flex h-8 min-w-0 max-w-[8rem] items-center gap-1.5 rounded-md border border-border bg-background px-2 text-sm font-medium shadow-xs hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring sm:max-w-[14rem]",
    children: (
      <>
        {active?.personal === false ? <UsersIcon aria-hidden className="size-4 shrink-0" /> : <UserIcon aria-hidden className="size-4 shrink-0" />}
        <span className="min-w-0 truncate">{active?.name ?? activeName}</span>
        <ChevronsUpDownIcon aria-hidden className="size-3.5 shrink-0 opacity-60" />
      </>
    ),
  };
  return (
    <OnDemand
      loader={teamMenu}
      props={{ teams: teams ?? undefined, trigger }}
      activationKeys={MENU_OPEN_KEYS}
      placeholder={(handlers) => <button type="button" aria-haspopup="menu" aria-expanded={false} data-state="closed" {...trigger} {...handlers} />}
    />
  );
}
