/**
 * Per-user limits on mutations, by bucket. A procedure may count against several buckets (a new
 * project is both a generation request and a new project). Reads are not limited.
 *
 * `generate` is the product's 100 generation requests per minute per user; the others are set
 * well above what a person clicking does, and low enough that a script cannot churn rows for free
 * (create → cancel → refund used to make 1,200 projects a minute at no cost).
 */
export const RATE_LIMITS = {
  /** messages.create, projects.create, runs.retry: each one queues a generation. */
  generate: { limit: 100, windowMs: 60_000, what: "generation requests" },
  "projects.create": { limit: 20, windowMs: 60_000, what: "new projects" },
  /** projects.rename and projects.delete. */
  "projects.change": { limit: 60, windowMs: 60_000, what: "project changes" },
  "runs.cancel": { limit: 30, windowMs: 60_000, what: "cancellations" },
  /** versions.restore and versions.saveEdit: each writes a whole version's files. */
  "versions.change": { limit: 60, windowMs: 60_000, what: "saved versions" },
  /** sharing.create and sharing.revoke. */
  "sharing.change": { limit: 30, windowMs: 60_000, what: "share link changes" },
} as const satisfies Record<string, RateLimit>;

export type RateLimit = { limit: number; windowMs: number; what: string };
export type RateLimitBucket = keyof typeof RATE_LIMITS;
