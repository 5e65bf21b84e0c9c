"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { toast } from "@/components/toast";
import { CheckIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";

const MAX_NAME = 80;

/** Inline rename: Enter saves, Escape cancels; the caller moves focus back when it closes. */
export function RenameProjectForm({ projectId, name, onDone }: { projectId: string; name: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [value, setValue] = useState(name);

  const rename = useMutation(
    trpc.projects.rename.mutationOptions({
      onSuccess: (project) => {
        queryClient.setQueryData(trpc.projects.get.queryKey({ projectId }), (old) => (old ? { ...old, ...project } : old));
        void queryClient.invalidateQueries(trpc.projects.list.queryFilter());
        toast.success("Project renamed");
        onDone();
      },
      onError: (error) => toast.error("Could not rename the project", { description: errorMessage(error) }),
    }),
  );

  const trimmed = value.trim();
  const invalid = trimmed.length === 0;

  return (
    <form
      className="flex w-full items-center gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        if (invalid) return;
        if (trimmed === name) return onDone();
        rename.mutate({ projectId, name: trimmed });
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onDone();
        }
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        Project name
      </label>
      <Input
        id={inputId}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        maxLength={MAX_NAME}
        aria-invalid={invalid || undefined}
        disabled={rename.isPending}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        inputSize="sm"
      />
      <Button type="submit" size="icon-sm" variant="ghost" aria-label="Save name" disabled={invalid || rename.isPending}>
        {rename.isPending ? <Spinner /> : <CheckIcon />}
      </Button>
      <Button type="button" size="icon-sm" variant="ghost" aria-label="Cancel renaming" onClick={onDone} disabled={rename.isPending}>
        <XIcon />
      </Button>
    </form>
  );
}
