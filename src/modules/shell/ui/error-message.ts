import { TRPCClientError } from "@trpc/client";

/**
 * The message to show for a failed call. Server errors from domain code already carry a plain,
 * user-facing message; transport failures and unexpected server errors get a generic one.
 */
export function errorMessage(error: unknown, fallback = "Something went wrong. Please try again."): string {
  if (error instanceof TRPCClientError) {
    const code = errorCode(error);
    if (code === "INTERNAL_SERVER_ERROR") return fallback;
    if (!code) return "Could not reach the server. Check your connection and try again.";
    if (code === "BAD_REQUEST" && error.data?.zodError) return firstZodMessage(error.data.zodError) ?? error.message;
    return error.message || fallback;
  }
  return fallback;
}

export function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

type FlattenedZodError = { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> };

function firstZodMessage(zodError: FlattenedZodError): string | undefined {
  return zodError.formErrors?.[0] ?? Object.values(zodError.fieldErrors ?? {}).find((list) => list?.length)?.[0];
}
