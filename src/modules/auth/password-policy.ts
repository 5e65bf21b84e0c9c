/** Password length rules, in a file of their own so client forms can show them without loading zod. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** What the forms say about the rule; the server (password-strength.ts) decides and says why. */
export const PASSWORD_HINT = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common or easily guessed one. A few unrelated words work well.`;
