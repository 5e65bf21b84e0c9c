import { useEffect, useSyncExternalStore } from "react";
import type { MyTeam } from "@/modules/teams/ui/types";
import type { Usage } from "./usage";

/**
 * What the header shows (credits, teams), outside React Query: the header is in the root layout,
 * which has no TRPCReactProvider (the landing page ships without React Query). The server's
 * values seed it; where a provider is mounted, ./header-sync publishes fresher query results.
 * Each value carries when it was true, so an older one never replaces a newer one.
 */
type Values = { usage: Usage | null; teams: MyTeam[] | null };
type Key = keyof Values;
export type HeaderEntry<K extends Key> = { value: Values[K]; at: number };

let entries: { [K in Key]?: HeaderEntry<K> } = {};
const listeners = new Set<() => void>();

export function publishHeader<K extends Key>(key: K, value: Values[K], at: number) {
  const current = entries[key];
  if (current && current.at > at) return;
  if (current && current.at === at && current.value === value) return;
  entries = { ...entries, [key]: { value, at } };
  for (const listener of listeners) listener();
}

/** After something spent credits where no provider refetches them (the landing page): the next HeaderSync refetches at once. */
export function markHeaderStale() {
  entries = Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, { ...e, at: 0 }]));
  for (const listener of listeners) listener();
}

export function subscribeHeader(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export const readHeaderEntries = () => entries;

export function useHeaderEntries() {
  return useSyncExternalStore(subscribeHeader, readHeaderEntries, readHeaderEntries);
}

/** The freshest value for `key`: the server's (seeding the store on first render, refreshed with each RSC render) or a newer query result. */
export function useHeaderValue<K extends Key>(key: K, serverValue: Values[K]): Values[K] {
  // Seeded during render, in the browser only, so HeaderSync (rendered later in the tree) starts from it.
  if (typeof window !== "undefined" && !entries[key]) entries = { ...entries, [key]: { value: serverValue, at: Date.now() } };
  useEffect(() => publishHeader(key, serverValue, Date.now()), [key, serverValue]);
  return useSyncExternalStore(
    subscribeHeader,
    () => entries[key]?.value ?? serverValue,
    () => serverValue,
  ) as Values[K];
}
