import { cn } from "@/components/ui/cn";

export type ThumbnailMeta = { viewport: string; width: number; height: number };

/** The URL of a version's screenshot; only members of its team get the image (others: 404). */
export function screenshotUrl(fragmentId: string, viewport: string): string {
  return `/api/versions/${encodeURIComponent(fragmentId)}/screenshot?viewport=${encodeURIComponent(viewport)}`;
}

/**
 * A version's screenshot taken by the page check, at its own aspect ratio, or nothing when the
 * version has none (checked before screenshots existed, or the check was skipped).
 */
export function VersionThumbnail({
  fragmentId,
  screenshots,
  viewport = "desktop",
  className,
}: {
  fragmentId: string;
  screenshots: ThumbnailMeta[];
  viewport?: "desktop" | "phone";
  className?: string;
}) {
  const shot = screenshots.find((s) => s.viewport === viewport);
  if (!shot) return null;
  return (
    // A plain img: the image is private to the team, and next/image would route it through its public optimiser cache.
    <img
      src={screenshotUrl(fragmentId, viewport)}
      width={shot.width}
      height={shot.height}
      alt=""
      loading="lazy"
      decoding="async"
      // Width comes from the caller (cn does not merge conflicting utilities).
      className={cn("block h-auto rounded-md border border-border bg-muted object-cover object-top", className)}
    />
  );
}
