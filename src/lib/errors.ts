/**
 * Errors domain code throws for the caller to show. The tRPC layer maps `code` to the TRPCError
 * code of the same name; the message is user-facing, so keep it plain and specific.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYMENT_REQUIRED"
  | "TOO_MANY_REQUESTS";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}
