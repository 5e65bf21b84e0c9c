import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { previewUrlFor } from "@/modules/preview/server/preview-url";
import { findActiveShareLink } from "@/modules/sharing/server/find-share-link";
import { ShareViewer } from "@/modules/sharing/ui/share-viewer";

// Asked on every request: a revoked or expired link must 404 from the next load on.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared preview", robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string }> };

/** Public: a share link's read-only viewer (no sign-in). Unknown, revoked or expired: 404. */
export default async function SharedVersionPage({ params }: Props) {
  const { token } = await params;
  const link = await findActiveShareLink(db, token);
  if (!link) notFound();
  return (
    <ShareViewer
      title={link.title}
      subtitle={`${link.projectName} · v${link.number}${link.expiresAt ? ` · link expires ${link.expiresAt.toISOString().slice(0, 10)}` : ""}`}
      previewUrl={previewUrlFor(token)}
    />
  );
}
