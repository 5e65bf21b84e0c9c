import type { InfiniteData } from "@tanstack/react-query";
import { PROJECTS_PAGE_SIZE } from "../list-sizes";

/** What the /projects page and its server prefetch both ask for: pages, each naming the next. */
export const PROJECT_PAGES_INPUT = { limit: PROJECTS_PAGE_SIZE };
export const nextProjectsCursor = (page: { nextCursor: string | null }) => page.nextCursor;

type ProjectPage = { items: { id: string }[]; nextCursor: string | null };

/**
 * A cached project list — a page (the landing strip) or the pages of /projects — without one
 * project, so a deleted project disappears at once instead of after the refetch.
 */
export function withoutProject<T>(data: T, projectId: string): T {
  if (!data || typeof data !== "object") return data;
  const drop = (page: ProjectPage) => ({ ...page, items: page.items.filter((p) => p.id !== projectId) });
  if ("pages" in data) {
    const infinite = data as unknown as InfiniteData<ProjectPage>;
    return { ...infinite, pages: infinite.pages.map(drop) } as T;
  }
  if ("items" in data) return drop(data as unknown as ProjectPage) as T;
  return data;
}
