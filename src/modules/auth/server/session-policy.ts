/** How long local-account sessions live. Apart from sessions.ts so the purge can read them without a cycle. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session not used for this long stops working, even before it expires (a forgotten laptop, a copied cookie). */
export const SESSION_IDLE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
