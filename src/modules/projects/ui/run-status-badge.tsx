import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";

/** Shown on a project while a generation is queued or running in it, naming a teammate who started it. */
export function RunStatusBadge({
  status,
  by,
}: {
  status: "QUEUED" | "RUNNING" | string | null | undefined;
  by?: { name: string; isYou: boolean } | null;
}) {
  if (status !== "QUEUED" && status !== "RUNNING") return null;
  const label = status === "QUEUED" ? "Queued" : "Generating";
  return (
    <Badge variant="primary" className="min-w-0">
      <Spinner className="size-3 shrink-0" />
      <span className="truncate">{by && !by.isYou ? `${by.name}: ${label.toLowerCase()}` : label}</span>
    </Badge>
  );
}
