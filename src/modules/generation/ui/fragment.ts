import type { CheckProblem } from "@/modules/check/problem-text";
import type { ThumbnailMeta } from "@/modules/check/ui/version-thumbnail";

/** The parts of a generated version (Fragment) the workspace shows. */
export type FragmentView = {
  id: string;
  title: string;
  previewUrl: string | null;
  sandboxUrl: string | null;
  /** The page check's problems left in this version, and its screenshots' sizes. */
  problems: CheckProblem[];
  screenshots: ThumbnailMeta[];
};

/** index.html first, then by path, so the entry point is what the Code tab opens with. */
export function sortedPaths(files: Record<string, string>): string[] {
  return Object.keys(files).sort((a, b) => {
    if (a === "index.html") return -1;
    if (b === "index.html") return 1;
    return a.localeCompare(b);
  });
}
