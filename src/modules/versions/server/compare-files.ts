export type FileChangeStatus = "added" | "removed" | "changed" | "unchanged";
export type FileChange = { path: string; status: FileChangeStatus; before: string | null; after: string | null };

/** Every path of either side with what happened to it, sorted by path. Pure: the UI may use it too. */
export function diffFiles(before: Record<string, string>, after: Record<string, string>): FileChange[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => a.localeCompare(b));
  return paths.map((path) => {
    const a = path in before ? before[path]! : null;
    const b = path in after ? after[path]! : null;
    const status: FileChangeStatus = a === null ? "added" : b === null ? "removed" : a === b ? "unchanged" : "changed";
    return { path, status, before: a, after: b };
  });
}
