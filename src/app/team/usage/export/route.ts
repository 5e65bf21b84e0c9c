import { db } from "@/lib/db/client";
import { getCurrentAuth } from "@/modules/auth/server/current-auth";
import { usageCsvResponse } from "@/modules/usage/server/csv-response";

/** GET /team/usage/export?month=YYYY-MM: the month's runs as CSV (see usageCsvResponse). */
export async function GET(request: Request) {
  return usageCsvResponse(db, await getCurrentAuth(), new URL(request.url));
}
