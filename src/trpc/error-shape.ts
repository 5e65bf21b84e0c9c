import type { TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Try again in a moment.";

/**
 * What a client sees of an error. Input errors keep their zod details (they describe the
 * caller's own input) and AppErrors their user-facing message. In production an
 * INTERNAL_SERVER_ERROR says only that something failed: its message is whatever a library threw
 * (Prisma and Postgres quote queries, table and column names), so it goes to the server log
 * (onError in the route handler), never to the browser; stacks are never sent either.
 */
export function publicErrorShape(
  shape: TRPCDefaultErrorShape,
  error: TRPCError,
  { production }: { production: boolean },
) {
  const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
  if (!production) return { ...shape, data: { ...shape.data, zodError } };

  const { stack: _stack, ...data } = shape.data;
  const message = error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_ERROR_MESSAGE : shape.message;
  return { ...shape, message, data: { ...data, zodError } };
}
