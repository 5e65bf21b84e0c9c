import type { FragmentView } from "./fragment";
import type { ChatMessage } from "./types";

export type Version = { number: number; fragment: FragmentView; messageId: string };

/** Every result that produced files, oldest first, numbered v1, v2… */
export function versionsOf(messages: ChatMessage[] | undefined): Version[] {
  const versions: Version[] = [];
  for (const message of messages ?? []) {
    if (message.fragment) versions.push({ number: versions.length + 1, fragment: toFragmentView(message.fragment), messageId: message.id });
  }
  return versions;
}

function toFragmentView(fragment: NonNullable<ChatMessage["fragment"]>): FragmentView {
  return {
    id: fragment.id,
    title: fragment.title,
    previewUrl: fragment.previewUrl ?? null,
    sandboxUrl: fragment.sandboxUrl ?? null,
    problems: fragment.problems ?? [],
    screenshots: fragment.screenshots ?? [],
  };
}
