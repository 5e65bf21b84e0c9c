"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/toast";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { OptionSelect } from "@/components/ui/option-select";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";

const EXPIRIES = [
  { value: "never", label: "Never expires" },
  { value: "1", label: "Expires in 1 day" },
  { value: "7", label: "Expires in 7 days" },
  { value: "30", label: "Expires in 30 days" },
];

/**
 * "Share" on a version: makes a public, read-only link to exactly that version (the token is
 * shown once, here), and lists the project's links with who made them, for revoking.
 */
export function ShareDialog({
  open,
  onOpenChange,
  projectId,
  version,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  projectId: string;
  version: { id: string; number: number };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [expiry, setExpiry] = useState("never");
  const [created, setCreated] = useState<{ url: string; number: number } | null>(null);
  const links = useQuery({ ...trpc.sharing.list.queryOptions({ projectId }), enabled: open });
  const refresh = () => queryClient.invalidateQueries(trpc.sharing.list.queryFilter({ projectId }));

  const create = useMutation(
    trpc.sharing.create.mutationOptions({
      onSuccess: async (link) => {
        setCreated({ url: link.url, number: link.versionNumber });
        await refresh();
      },
      onError: (error) => toast.error("Could not create the link", { description: errorMessage(error) }),
    }),
  );
  const revoke = useMutation(
    trpc.sharing.revoke.mutationOptions({
      onSuccess: () => refresh(),
      onError: (error) => toast.error("Could not revoke the link", { description: errorMessage(error) }),
    }),
  );

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      toast.success("Link copied");
    } catch {
      toast.error("Could not copy", { description: "Select the link and copy it instead." });
    }
  }

  return (
    <ModalDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Share v${version.number}`}
      description="Anyone with the link can view this version — read-only, without signing in — until you revoke it or it expires."
    >
      <div className="flex flex-wrap items-center gap-2">
        <OptionSelect value={expiry} onValueChange={setExpiry} options={EXPIRIES} label="Link expiry" size="sm" className="w-48" />
        <Button
          size="sm"
          disabled={create.isPending}
          onClick={() => create.mutate({ fragmentId: version.id, expiresInDays: expiry === "never" ? undefined : Number(expiry) })}
        >
          {create.isPending ? "Creating…" : "Create link"}
        </Button>
      </div>
      {created && (
        <div className="flex flex-col gap-1.5 rounded-md border border-border bg-muted/40 p-3">
          <p className="text-xs text-muted-foreground">Link to v{created.number} — copy it now; it is not shown again.</p>
          <div className="flex gap-2">
            <Input readOnly value={created.url} aria-label="Share link" inputSize="sm" className="font-mono text-xs" onFocus={(e) => e.target.select()} />
            <Button size="sm" variant="outline" onClick={() => copy(created.url)}>
              Copy
            </Button>
          </div>
        </div>
      )}
      <section aria-label="Links to this project" className="flex flex-col gap-2">
        <h3 className="text-sm font-medium">Links to this project</h3>
        {links.isError && <p role="alert" className="text-sm text-destructive">{errorMessage(links.error)}</p>}
        {links.data?.length === 0 && <p className="text-sm text-muted-foreground">No links yet.</p>}
        <ul className="flex flex-col divide-y divide-border">
          {links.data?.map((link) => (
            <li key={link.id} className="flex items-center gap-3 py-2 text-sm">
              <span className="min-w-0 flex-1">
                <span className="font-medium">v{link.version.number}</span> · {link.createdBy} · <RelativeTime date={link.createdAt} />
                <span className="block text-xs text-muted-foreground">
                  {link.status === "active" ? (link.expiresAt ? `Expires ${new Date(link.expiresAt).toLocaleDateString()}` : "No expiry") : link.status === "revoked" ? "Revoked" : "Expired"}
                </span>
              </span>
              {link.status === "active" && (
                <Button size="xs" variant="outline" disabled={revoke.isPending} onClick={() => revoke.mutate({ linkId: link.id })} aria-label={`Revoke the link to v${link.version.number}`}>
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </ModalDialog>
  );
}
