import { projectNameFromPrompt } from "./project-name";

const MAX_TITLE = 60;

/** A version's title: the summary's first sentence when it is short enough, else the prompt's opening words. */
export function fragmentTitle(summary: string, request: string): string {
  const firstSentence = summary.replace(/\s+/g, " ").trim().split(/(?<=[.!?])\s/)[0]?.replace(/[.!?]+$/, "") ?? "";
  if (firstSentence && firstSentence.length <= MAX_TITLE) return firstSentence;
  return projectNameFromPrompt(request);
}
