import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { rowIdSchema } from "@/lib/row-id";
import { getCurrentAuth } from "@/modules/auth/server/current-auth";
import { screenshotViewportSchema, versionScreenshot } from "@/modules/check/server/screenshots";

/** GET /api/versions/<fragmentId>/screenshot?viewport=desktop|phone — the check's JPEG, for team members. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await getCurrentAuth();
  if (!auth) return text(401, "Please sign in to continue.");
  const id = rowIdSchema.safeParse((await params).id);
  const viewport = screenshotViewportSchema.safeParse(new URL(request.url).searchParams.get("viewport") ?? "desktop");
  if (!id.success || !viewport.success) return text(400, "Give a version id and viewport=desktop or phone.");
  try {
    const shot = await versionScreenshot(db, auth, id.data, viewport.data);
    return new Response(new Uint8Array(shot.bytes), {
      headers: {
        "content-type": shot.type,
        // A version never changes, but access does (a member can leave): private, revalidated daily.
        "cache-control": "private, max-age=86400",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return text(error.code === "FORBIDDEN" ? 403 : 404, error.message);
    throw error;
  }
}

function text(status: number, body: string) {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
