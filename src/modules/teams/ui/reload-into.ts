/**
 * After the active team changes, every query, page and header on screen belongs to the old team:
 * a full navigation is the one way to refetch all of it consistently (server components included).
 */
export function reloadInto(path: string) {
  window.location.assign(path);
}
