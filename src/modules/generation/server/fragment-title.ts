import { projectNameFromPrompt } from "./project-name";

const MAX_TITLE = 60;
// Placeholders a generated page may leave in its <title>: no better than no title.
const PLACEHOLDER_TITLES = /^(document|untitled|index|home|page|my (app|page|website)|app|website|title)$/i;
// "I built a bakery page…", "I've updated the header…": the summary's voice, not a title's.
const FIRST_PERSON = /^(?:(?:i|we)(?:'ve| have)?|here is|here's|this is)\s+(?:now\s+)?(?:(?:built|created|made|added|updated|changed|designed|written|wrote|turned|replaced|moved|fixed|gave)\s+)?/i;

/**
 * A version's title, short and whole: the summary's first sentence without its "I built…" voice,
 * cut back to a complete clause when it is long, else the prompt's opening words.
 */
export function fragmentTitle(summary: string, request: string): string {
  const firstSentence = summary.replace(/\s+/g, " ").trim().split(/(?<=[.!?])\s/)[0]?.replace(/[.!?]+$/, "") ?? "";
  const title = shortClause(firstSentence.replace(FIRST_PERSON, ""));
  return title ? capitalise(title) : projectNameFromPrompt(request);
}

/** The page's own name, from index.html's <title>, when it is a real one. */
export function pageTitle(files: Record<string, string>): string | null {
  const html = files["index.html"];
  const match = html ? /<title[^>]*>([^<]*)<\/title>/i.exec(html) : null;
  const text = match ? decodeEntities(match[1]!).replace(/\s+/g, " ").trim() : "";
  if (text.length < 2 || text.length > MAX_TITLE || PLACEHOLDER_TITLES.test(text)) return null;
  return text;
}

/**
 * The project's automatic name after a version: the page's <title>, else (for a project that
 * still carries its prompt-derived first name) the first version's title.
 */
export function automaticProjectName(files: Record<string, string>, versionTitle: string, isFirstVersion: boolean): string | null {
  return pageTitle(files) ?? (isFirstVersion ? versionTitle : null);
}

/** At most 60 characters, ending at a clause (a comma, " with", " and") rather than mid-phrase. */
function shortClause(text: string): string {
  if (text.length <= MAX_TITLE) return text;
  const head = text.slice(0, MAX_TITLE + 1);
  const cuts = [head.lastIndexOf(","), head.lastIndexOf(" with "), head.lastIndexOf(" and "), head.lastIndexOf(" — "), head.lastIndexOf(" - ")];
  // Never inside quotes: "A page for “A bakery landing page" would be cut mid-phrase after all.
  const cut = Math.max(...cuts.filter((at) => at >= 15 && !opensQuote(text.slice(0, at))));
  return cut > 0 ? text.slice(0, cut).trim() : "";
}

function opensQuote(text: string) {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  return count(/“/g) > count(/”/g) || count(/"/g) % 2 === 1;
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function decodeEntities(text: string) {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&mdash;/g, "—")
    .replace(/&ndash;/g, "–")
    .replace(/&nbsp;/g, " ");
}
