import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";

/** Shown on a project while a generation is queued or running in it. */
export function RunStatusBadge({ status }: { status: "QUEUED" | "RUNNING" | string | null | undefined }) {
  if (status !== "QUEUED" && status !== "RUNNING") return null;
  return (
    <Badge variant="primary">
      <Spinner className="size-3" />
      {status === "QUEUED" ? "Queued" : "Generating"}
    </Badge>
  );
}
