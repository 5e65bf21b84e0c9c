/**
 * The element picker's messages between the app and its own preview frame (the preview server
 * injects the picker; element-picker.ts). Shared by server and UI, so it holds no code of either.
 * - app → frame: `{ type: PICKER_TOGGLE, on }` turns "Select" mode on or off.
 * - frame → app: `{ type: PICKED_ELEMENT, tag, text, selector, html }` for the clicked element.
 * The frame runs generated code, so what it posts is a hint the user chose to attach, never
 * trusted: the app checks where it came from and caps every field again here.
 */
export const PICKER_TOGGLE = "ollio:picker-toggle";
export const PICKED_ELEMENT = "ollio:picked-element";

export const PICKED_LIMITS = { tag: 40, text: 120, selector: 500, html: 2000 } as const;

export type PickedElement = { tag: string; text: string; selector: string; html: string };

/** The picked element, if `data` is a well-formed pick message; else null. Over-long fields are cut. */
export function readPickedElement(data: unknown): PickedElement | null {
  if (typeof data !== "object" || data === null) return null;
  const { type, tag, text, selector, html } = data as Record<string, unknown>;
  if (type !== PICKED_ELEMENT) return null;
  if (typeof tag !== "string" || typeof text !== "string" || typeof selector !== "string" || typeof html !== "string") return null;
  const cleanTag = tag.toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(cleanTag) || cleanTag.length > PICKED_LIMITS.tag) return null;
  if (!selector.trim() || selector.includes("\0") || text.includes("\0") || html.includes("\0")) return null;
  if (selector.length > PICKED_LIMITS.selector) return null;
  return { tag: cleanTag, text: text.replace(/\s+/g, " ").trim().slice(0, PICKED_LIMITS.text), selector, html: html.slice(0, PICKED_LIMITS.html) };
}
