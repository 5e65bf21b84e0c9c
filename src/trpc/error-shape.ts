import type { TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Try again in a moment.";

/**
 * What a client sees of an error. An input error's message is its first issue's message (zod
 * would otherwise send the whole issue list as JSON text, which a UI must never show); the
 * flattened issues stay in `data.zodError` for forms that mark each field. AppErrors keep their
 * user-facing message. In production an
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
  const inputMessage = error.cause instanceof ZodError ? firstIssueMessage(error.cause) : null;
  if (!production) return { ...shape, message: inputMessage ?? shape.message, data: { ...shape.data, zodError } };

  const { stack: _stack, ...data } = shape.data;
  const message = error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_ERROR_MESSAGE : (inputMessage ?? shape.message);
  return { ...shape, message, data: { ...data, zodError } };
}

/** "Prompt is too long (at most 4000 characters)." rather than `[{"origin":"string","code":"too_big",…}]`. */
function firstIssueMessage(error: ZodError): string | null {
  const issue = error.issues[0];
  return issue ? issue.message : null;
}
