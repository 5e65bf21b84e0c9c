import { z } from "zod";
import { textInput } from "@/lib/text-input";
import { PICKED_LIMITS } from "@/modules/preview/picker-message";

export const PROMPT_MAX_LENGTH = 4000;

/** A prompt as the user typed it: trimmed, 1..4000 characters. tRPC inputs reuse this schema. */
export const promptContentSchema = textInput()
  .trim()
  .min(1, "Describe the UI you want first.")
  .max(PROMPT_MAX_LENGTH, `Prompts can be at most ${PROMPT_MAX_LENGTH.toLocaleString("en")} characters.`);

/** A client-chosen idempotency key: the same key twice creates one message and one run. */
export const clientKeySchema = textInput().min(8).max(64);

/** A model name the sender picked (checked against the instance's models when sending). */
export const modelNameSchema = textInput().trim().min(1).max(200);

/** The element the user pointed at in the preview ("Select" mode), attached to the prompt. */
export const pickedElementSchema = z.object({
  tag: textInput().regex(/^[a-z][a-z0-9-]*$/, "Not an element name.").max(PICKED_LIMITS.tag),
  text: textInput().max(PICKED_LIMITS.text),
  selector: textInput().trim().min(1).max(PICKED_LIMITS.selector),
  html: textInput().max(PICKED_LIMITS.html),
});
export type PromptElement = z.infer<typeof pickedElementSchema>;
