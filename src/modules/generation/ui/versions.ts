import type { FragmentView } from "./fragment";
import type { ChatMessage } from "./types";

export type Version = {
  number: number;
  fragment: FragmentView;
  messageId: string;
  /** The version it was built from, and how it was made (agent run, hand edit, restore). */
  parentId: string | null;
  origin: "AGENT" | "EDIT" | "RESTORE";
};

/** Every result that produced files, oldest first, with the stable number the server gave it. */
export function versionsOf(messages: ChatMessage[] | undefined): Version[] {
  const versions: Version[] = [];
  for (const message of messages ?? []) {
    const fragment = message.fragment;
    if (fragment) {
      versions.push({ number: fragment.number, fragment: toFragmentView(fragment), messageId: message.id, parentId: fragment.parentId, origin: fragment.origin });
    }
  }
  return versions.sort((a, b) => a.number - b.number);
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
