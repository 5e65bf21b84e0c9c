"use client";

import { MoonIcon, SunIcon } from "lucide-react";
import { useEffect, useSyncExternalStore } from "react";
import { buttonClasses } from "@/components/ui/button";
import { MENU_OPEN_KEYS, OnDemand, onDemand } from "@/components/ui/on-demand";
import type { ThemeMenuProps } from "./theme-menu";
import { THEME_STORAGE_KEY } from "./theme-script";

export type ThemeChoice = "system" | "light" | "dark";

// The menu's Radix code loads when the button is first pointed at, focused or pressed.
const themeMenu = onDemand<ThemeMenuProps>(() => import("./theme-menu").then((m) => m.default));

const listeners = new Set<() => void>();
const systemDark = () => window.matchMedia("(prefers-color-scheme: dark)");

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function apply(choice: ThemeChoice) {
  const dark = choice === "dark" || (choice === "system" && systemDark().matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

function choose(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  apply(choice);
  listeners.forEach((notify) => notify());
}

function subscribe(notify: () => void) {
  listeners.add(notify);
  // Another tab changed it.
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY) {
      apply(readChoice());
      notify();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(notify);
    window.removeEventListener("storage", onStorage);
  };
}

/**
 * Light, dark, or the system's setting (the default). The first paint is already right: the
 * inline script in the root layout applies the choice before React runs; this menu changes it
 * and follows the system while "System" is chosen.
 */
export function ThemeToggle() {
  // The server cannot know the choice: it renders "system", and the menu shows the real one.
  const choice = useSyncExternalStore(subscribe, readChoice, () => "system" as const);

  useEffect(() => {
    if (choice !== "system") return;
    const media = systemDark();
    const follow = () => apply("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [choice]);

  const trigger = {
    "aria-label": "Theme",
    title: "Theme",
    className: buttonClasses({ variant: "ghost", size: "icon-sm" }),
    children: (
      <>
        {/* Both drawn, one shown by the dark variant: right from the first paint, with no mismatch. */}
        <SunIcon aria-hidden className="dark:hidden" />
        <MoonIcon aria-hidden className="hidden dark:block" />
      </>
    ),
  };
  return (
    <OnDemand
      loader={themeMenu}
      props={{ choice, onChoose: choose, trigger }}
      activationKeys={MENU_OPEN_KEYS}
      placeholder={(handlers) => <button type="button" aria-haspopup="menu" aria-expanded={false} data-state="closed" {...trigger} {...handlers} />}
    />
  );
}
