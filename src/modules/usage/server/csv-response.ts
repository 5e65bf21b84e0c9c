import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/modules/auth/server/auth-context";
import { teamUsageCsv } from "./usage-csv";
import { usageMonthSchema } from "./usage-month";

const STATUS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/**
 * The CSV export's HTTP answer for `auth` (null: signed out), authorised like the usage
 * procedures: signed out 401, a role that may not see usage 403, members get their own runs.
 */
export async function usageCsvResponse(db: Db, auth: AuthContext | null, url: URL): Promise<Response> {
  if (!auth) return text(401, "Please sign in to continue.");
  const month = usageMonthSchema.safeParse(url.searchParams.get("month"));
  if (!month.success) return text(400, month.error.issues[0]?.message ?? "Pick a month as YYYY-MM.");
  try {
    const csv = await teamUsageCsv(db, auth, month.data);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="ollio-usage-${month.data}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return text(STATUS[error.code] ?? 400, error.message);
    throw error;
  }
}

function text(status: number, body: string) {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
