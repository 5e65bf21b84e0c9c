/** Password length rules, in a file of their own so client forms can show them without loading zod. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
