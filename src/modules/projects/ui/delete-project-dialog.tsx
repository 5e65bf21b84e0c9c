"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";
import { withoutProject } from "./project-list-queries";

export function DeleteProjectDialog({
  project,
  open,
  onOpenChange,
  onDeleted,
}: {
  project: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: () => {
        queryClient.setQueriesData(trpc.projects.list.pathFilter(), (old) => withoutProject(old, project.id));
        void queryClient.invalidateQueries(trpc.projects.list.queryFilter());
        toast.success(`Deleted “${project.name}”`);
        onOpenChange(false);
        onDeleted?.();
      },
      onError: (error) => toast.error("Could not delete the project", { description: errorMessage(error) }),
    }),
  );

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Delete this project?"
      description={
        <>
          <strong className="font-medium text-foreground">{project.name}</strong> and all its versions will be deleted. This cannot be undone.
        </>
      }
      confirmLabel="Delete project"
      destructive
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ projectId: project.id })}
    />
  );
}
