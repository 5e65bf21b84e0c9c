"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRef, useState } from "react";
import { PencilIcon, TrashIcon } from "lucide-react";
import { LinkPendingSpinner } from "@/components/link-pending";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { VersionThumbnail } from "@/modules/check/ui/version-thumbnail";
import { RenameProjectForm } from "./rename-project-form";
import { RunStatusBadge } from "./run-status-badge";
import type { ProjectSummary } from "./types";

// Radix's alert dialog loads when Delete is first pointed at, focused or pressed; it mounts only while asking.
const loadDeleteDialog = () => import("./delete-project-dialog").then((m) => m.DeleteProjectDialog);
const DeleteProjectDialog = dynamic(loadDeleteDialog, { ssr: false });
const preloadDeleteDialog = () => void loadDeleteDialog().catch(() => {}); // Opening it tries again.

export function ProjectCard({ project }: { project: ProjectSummary }) {
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);

  function finishRenaming() {
    setRenaming(false);
    // The form unmounts; put focus back where the keyboard user started.
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  return (
    <li className="min-w-0">
      <Card className="group relative flex h-full flex-col gap-3 p-4 transition-shadow focus-within:shadow-md hover:shadow-md motion-reduce:transition-none">
        <div className="flex min-h-8 items-start justify-between gap-2">
          {renaming ? (
            <RenameProjectForm projectId={project.id} name={project.name} onDone={finishRenaming} />
          ) : (
            <h3 className="line-clamp-2 min-w-0 pt-1 font-semibold leading-tight">
              <Link
                href={`/projects/${project.id}`}
                className="rounded-sm wrap-anywhere hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {project.name}
                <LinkPendingSpinner className="ml-1.5 inline-flex align-middle text-muted-foreground" />
              </Link>
            </h3>
          )}
          {!renaming && project.canManage && (
            <div className="-mt-0.5 -mr-1.5 flex shrink-0 gap-0.5">
              <Button ref={renameButton} variant="ghost" size="icon-sm" aria-label={`Rename ${project.name}`} onClick={() => setRenaming(true)}>
                <PencilIcon />
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={`Delete ${project.name}`}
                onClick={() => setConfirmingDelete(true)}
                onPointerEnter={preloadDeleteDialog}
                onFocus={preloadDeleteDialog}
                className="hover:text-destructive"
              >
                <TrashIcon />
              </Button>
            </div>
          )}
        </div>
        {project.latestFragment && (
          <Link href={`/projects/${project.id}`} tabIndex={-1} aria-hidden className="block overflow-hidden rounded-md">
            <VersionThumbnail fragmentId={project.latestFragment.id} screenshots={project.latestFragment.screenshots} className="aspect-[16/10] w-full" />
          </Link>
        )}
        <p className="line-clamp-2 text-sm text-muted-foreground">
          {project.latestFragment ? project.latestFragment.title : "No version yet"}
        </p>
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
          <span className="min-w-0">
            {project.createdBy && <>{project.createdBy.isYou ? "By you" : `By ${project.createdBy.name}`} · </>}
            Updated <RelativeTime date={project.updatedAt} />
          </span>
          <RunStatusBadge status={project.activeRunStatus} by={project.activeRunBy} />
        </div>
      </Card>
      {confirmingDelete && <DeleteProjectDialog project={project} open onOpenChange={setConfirmingDelete} />}
    </li>
  );
}
