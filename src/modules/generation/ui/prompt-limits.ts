// The server's limit, shared so the box can say how much room is left before the server refuses.
export { PROMPT_MAX_LENGTH } from "../server/prompt-input";
