const SUMMARY = /<task_summary>([\s\S]*?)<\/task_summary>/i;

/** The text inside <task_summary>…</task_summary>, trimmed, or null when there is none (or it is empty). */
export function extractTaskSummary(text: string): string | null {
  const summary = SUMMARY.exec(text)?.[1]?.trim();
  return summary ? summary : null;
}
