import "server-only";

import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { AppError } from "@/lib/errors";

/**
 * Refuses common and easily guessed passwords with zxcvbn-ts (dictionaries of common
 * passwords, names and words, plus keyboard patterns, dates, repeats and l33t). The server is
 * the authority; forms only describe the rule. The dictionaries (~1.5 MB) are imported lazily and
 * only here, a server-only module, so they never reach a client bundle or slow start-up.
 */
export const MIN_PASSWORD_SCORE = 3; // zxcvbn 0–4; 3 = "safely unguessable" (~10^8 guesses or more)

export class WeakPasswordError extends AppError {
  constructor(message: string) {
    super("BAD_REQUEST", message);
    this.name = "WeakPasswordError";
  }
}

let checker: Promise<ZxcvbnFactory> | null = null;

function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return checker;
}

/**
 * Why `password` is too weak, in words for the form, or null when it is fine. `related` are
 * things about the person (email, name) that a guesser would try first.
 */
export async function passwordWeakness(password: string, related: (string | null | undefined)[] = []): Promise<string | null> {
  const userInputs = ["ollio", ...related.flatMap((value) => (value ? [value, ...value.split(/[@.\s_-]+/)] : []))].filter(
    (value) => value.length >= 3,
  );
  const result = (await loadChecker()).check(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const reason = result.feedback.warning ?? "This password is too easy to guess.";
  const suggestion = result.feedback.suggestions[0] ?? "Use a longer password, for example a few unrelated words.";
  return `${reason} ${suggestion}`;
}

/** Throws WeakPasswordError (BAD_REQUEST, shown on the password field) for a weak password. */
export async function assertStrongPassword(password: string, related: (string | null | undefined)[] = []): Promise<void> {
  const weakness = await passwordWeakness(password, related);
  if (weakness) throw new WeakPasswordError(weakness);
}
