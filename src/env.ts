import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * Every environment variable Ollio reads, validated once when this module is first imported
 * (start-up). A missing or malformed value stops start-up with a message naming it.
 * Empty strings count as unset, so `.env.example` can list every key blank.
 */
const optionalUrl = z.url().optional();

/** "a, b ,c" → ["a","b","c"]; each item checked by `item`. */
function commaList(item: z.ZodType<string, string>, what: string) {
  return z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item, { message: `each entry must be ${what}` }));
}

/** 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`). */
const secretKey = z
  .string()
  .refine(
    (v) => /^[0-9a-f]{64}$/i.test(v) || (/^[A-Za-z0-9+/]{43}=?$/.test(v) && Buffer.from(v, "base64").length === 32),
    "OLLIO_SECRET_KEY must be 32 bytes: 64 hex characters or base64 (openssl rand -base64 32)",
  )
  .optional();

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** Unset: the start script runs embedded Postgres under .data/ and sets this itself. */
    DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgres:// URL" }).refine(
      (v) => /^postgres(ql)?:\/\//.test(v),
      "DATABASE_URL must start with postgres:// or postgresql://",
    ),
    APP_URL: z.url().default("http://localhost:3000"),
    /** Interface the app and the preview server listen on: loopback unless set (e.g. 0.0.0.0). */
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PREVIEW_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    /** Origin the preview server is reached at. Must differ from APP_URL's origin. */
    PREVIEW_ORIGIN: z.url().default("http://localhost:3001"),

    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_MODEL: z.string().optional(),
    /** Models teams may choose from (comma-separated); OPENAI_MODEL is the default and always included. */
    OPENAI_MODELS: commaList(z.string().regex(/^[^\s,]{1,200}$/), "a model name"),
    AGENT_MAX_ITERATIONS: z.coerce.number().int().min(1).max(100).default(15),
    MODEL_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),

    JOBS_PROVIDER: z.enum(["local", "inngest"]).optional(),
    /** Generations one server process runs at once with the local job runner (model-bound: sized for waiting). */
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    /** Wall-clock limit of one generation attempt, and of a run across its attempts. */
    RUN_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(10_000).default(10 * 60_000),
    RUN_TIMEOUT_MS: z.coerce.number().int().min(10_000).default(20 * 60_000),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
    INNGEST_BASE_URL: optionalUrl,
    INNGEST_DEV: z.string().optional(),

    SANDBOX_PROVIDER: z.enum(["local", "e2b"]).optional(),
    E2B_API_KEY: z.string().optional(),
    E2B_TEMPLATE: z.string().default("ollio-web"),
    /** Where local sandbox workspaces live. Default: <os tmpdir>/ollio-sandboxes. */
    SANDBOX_ROOT: z.string().optional(),

    CLERK_SECRET_KEY: z.string().optional(),

    /** Unset: invitations give the inviter a link to copy; set: the link is also mailed. */
    SMTP_URL: z
      .url({ message: "SMTP_URL must be an smtp:// or smtps:// URL" })
      .refine((v) => /^smtps?:\/\//.test(v), "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
    /** Sender of Ollio's mail, e.g. "Ollio <ollio@example.com>". Default: no-reply@<APP_URL's host>. */
    SMTP_FROM: z.string().optional(),
    /** Instance admins (comma-separated emails): they manage every team's plan and credits. */
    OLLIO_ADMIN_EMAILS: commaList(z.email(), "an email address").transform((list) => list.map((e) => e.toLowerCase())),
    /** Shown to teams out of credits ("ask your Ollio admin"): an email or URL. Default: the first admin email. */
    OLLIO_ADMIN_CONTACT: z.string().max(200).optional(),
    /** Encrypts teams' API keys at rest. Unset: a key generated once under .data/ (mode 0600). */
    OLLIO_SECRET_KEY: secretKey,
  },
  client: {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string().optional(),
  },
  runtimeEnv: {
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL,
    APP_URL: process.env.APP_URL,
    HOST: process.env.HOST,
    PORT: process.env.PORT,
    PREVIEW_PORT: process.env.PREVIEW_PORT,
    PREVIEW_ORIGIN: process.env.PREVIEW_ORIGIN,
    OPENAI_API_KEY: process.env.OPENAI_API_KEY,
    OPENAI_BASE_URL: process.env.OPENAI_BASE_URL,
    OPENAI_MODEL: process.env.OPENAI_MODEL,
    OPENAI_MODELS: process.env.OPENAI_MODELS,
    AGENT_MAX_ITERATIONS: process.env.AGENT_MAX_ITERATIONS,
    MODEL_TIMEOUT_MS: process.env.MODEL_TIMEOUT_MS,
    JOBS_PROVIDER: process.env.JOBS_PROVIDER,
    JOBS_CONCURRENCY: process.env.JOBS_CONCURRENCY,
    RUN_ATTEMPT_TIMEOUT_MS: process.env.RUN_ATTEMPT_TIMEOUT_MS,
    RUN_TIMEOUT_MS: process.env.RUN_TIMEOUT_MS,
    INNGEST_EVENT_KEY: process.env.INNGEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: process.env.INNGEST_SIGNING_KEY,
    INNGEST_BASE_URL: process.env.INNGEST_BASE_URL,
    INNGEST_DEV: process.env.INNGEST_DEV,
    SANDBOX_PROVIDER: process.env.SANDBOX_PROVIDER,
    E2B_API_KEY: process.env.E2B_API_KEY,
    E2B_TEMPLATE: process.env.E2B_TEMPLATE,
    SANDBOX_ROOT: process.env.SANDBOX_ROOT,
    CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY,
    SMTP_URL: process.env.SMTP_URL,
    SMTP_FROM: process.env.SMTP_FROM,
    OLLIO_ADMIN_EMAILS: process.env.OLLIO_ADMIN_EMAILS,
    OLLIO_ADMIN_CONTACT: process.env.OLLIO_ADMIN_CONTACT,
    OLLIO_SECRET_KEY: process.env.OLLIO_SECRET_KEY,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
  },
  emptyStringAsUndefined: true,
  // `next build` runs without a database; every runtime entry point still validates.
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});
