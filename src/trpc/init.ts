import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { db, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import type { RateLimitBucket } from "@/modules/rate-limits/server/limits";
import { enforceRateLimits } from "@/modules/rate-limits/server/rate-limiter";
import { publicErrorShape } from "./error-shape";

/**
 * The tRPC context: the database and who is calling. The route handler and server components
 * build it from the request (`createRequestContext`); tests build it directly with any `auth`.
 */
export type TRPCContext = { db: Db; auth: AuthContext | null };

export async function createRequestContext(): Promise<TRPCContext> {
  const { getCurrentAuth } = await import("@/modules/auth/server/current-auth");
  return { db, auth: await getCurrentAuth() };
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  // Read per error, not once: Next inlines NODE_ENV in the build, and tests switch it.
  errorFormatter: ({ shape, error }) => publicErrorShape(shape, error, { production: process.env.NODE_ENV === "production" }),
});

// Domain code throws AppError with a user-facing message; callers see it as the TRPCError of that code.
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/**
 * Counts the call against the signed-in user's limit in each bucket (src/modules/rate-limits)
 * before the procedure runs; over a limit it answers TOO_MANY_REQUESTS with a message the UI
 * shows. Use after protectedProcedure on mutations: `protectedProcedure.use(rateLimit("generate"))`.
 */
export function rateLimit(...buckets: RateLimitBucket[]) {
  return t.middleware(async ({ ctx, next }) => {
    if (ctx.auth) await enforceRateLimits(ctx.db, ctx.auth.userId, buckets);
    return next();
  });
}
