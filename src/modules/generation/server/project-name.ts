const MAX_WORDS = 6;
const MAX_LENGTH = 60;

/** A project's first name, from its first prompt: the opening words, at most 60 characters. */
export function projectNameFromPrompt(prompt: string): string {
  const words = prompt.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  let name = "";
  for (const word of words.slice(0, MAX_WORDS)) {
    const next = name ? `${name} ${word}` : word;
    if (next.length > MAX_LENGTH) break;
    name = next;
  }
  // A single word longer than the limit (a pasted URL, say) is cut rather than dropped.
  if (!name) name = (words[0] ?? "").slice(0, MAX_LENGTH);
  name = name.replace(/[\s,.;:!?-]+$/, "");
  if (!name) return "Untitled project";
  return name.charAt(0).toUpperCase() + name.slice(1);
}
