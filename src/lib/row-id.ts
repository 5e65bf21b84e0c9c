import { textInput } from "./text-input";

/** A database row id (cuid) as procedures accept it: bounded, so junk input fails fast with BAD_REQUEST. */
export const rowIdSchema = textInput().min(1).max(64);
