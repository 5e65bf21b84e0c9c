/**
 * A prompt typed by a signed-out visitor survives the trip through sign-up: short prompts ride in
 * `?prompt=` (visible, shareable), and every prompt is also kept in sessionStorage for this tab.
 */
const STORAGE_KEY = "ollio:pending-prompt";
const MAX_URL_PROMPT = 1500;

export function landingPathWithPrompt(prompt: string): string {
  try {
    sessionStorage.setItem(STORAGE_KEY, prompt);
  } catch {
    // Storage can be disabled; the URL still carries short prompts.
  }
  return prompt.length <= MAX_URL_PROMPT ? `/?prompt=${encodeURIComponent(prompt)}` : "/";
}

/** The pending prompt, if any, removed from storage so it is offered once. */
export function takePendingPrompt(): string | null {
  try {
    const prompt = sessionStorage.getItem(STORAGE_KEY);
    sessionStorage.removeItem(STORAGE_KEY);
    return prompt;
  } catch {
    return null;
  }
}
