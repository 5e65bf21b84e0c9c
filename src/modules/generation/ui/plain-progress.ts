/** One progress entry as the worker writes it (runs/server/progress.ts). */
export type ProgressStep = { at: string; kind: string; detail: string };

/**
 * The run's progress in words for someone who is not a developer: consecutive file writes become
 * one "Writing the page: index.html, styles.css", commands become "Trying out the page", and the
 * worker's notes read as what is happening. The raw steps stay available behind a details toggle.
 */
export function plainProgress(steps: ProgressStep[]): string[] {
  const lines: string[] = [];
  let files: string[] | null = null;
  let reads: string[] | null = null;
  const push = (line: string) => {
    if (lines.at(-1) !== line) lines.push(line);
  };

  for (const step of steps) {
    if (step.kind !== "file") files = null;
    const read = step.kind === "note" ? /^Read (.+)$/.exec(step.detail)?.[1] : undefined;
    if (!read) reads = null;

    if (step.kind === "file") {
      const name = fileName(step.detail);
      if (!files) {
        files = [];
        lines.push("");
      }
      if (!files.includes(name)) files.push(name);
      lines[lines.length - 1] = `Writing the page: ${files.join(", ")}`;
    } else if (read) {
      if (!reads) {
        reads = [];
        lines.push("");
      }
      const name = fileName(read);
      if (!reads.includes(name)) reads.push(name);
      lines[lines.length - 1] = `Reading the current version: ${reads.join(", ")}`;
    } else if (step.kind === "command") {
      push("Trying out the page");
    } else {
      push(plainNote(step.detail));
    }
  }
  return lines;
}

function fileName(path: string) {
  return path.replace(/^\/+/, "").replace(/^home\/user\//, "");
}

function plainNote(detail: string): string {
  if (detail === "Started") return "Getting started";
  if (/^Attempt \d+ started$/.test(detail)) return "Starting again";
  if (/^Sandbox ready/.test(detail)) return detail.includes("current version") ? "Opened the current version" : "Workspace ready";
  if (/^Attempt \d+ failed:/.test(detail)) return "That try did not work out — trying again";
  return detail;
}
