"use client";

import { useMutation } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { toast } from "@/components/toast";
import { CodeIcon, MonitorIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { PickedElement } from "@/modules/preview/picker-message";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useDrafts } from "@/modules/versions/ui/use-drafts";
import { useShowNewVersion } from "@/modules/versions/ui/use-show-new-version";
import { useTRPC } from "@/trpc/client";
import { PreviewPane } from "./preview-pane";
import type { Version } from "./versions";

// The code and changes tabs mount on first visit; their code (and the code viewer's) is fetched
// once the browser is idle, or when the tab is opened first.
const loadCodePane = () => import("./code-pane");
const CodePane = dynamic(() => loadCodePane().then((m) => m.CodePane), { ssr: false, loading: () => <TabLoading what="code" /> });
const ComparePane = dynamic(() => import("@/modules/versions/ui/compare-pane").then((m) => m.ComparePane), {
  ssr: false,
  loading: () => <TabLoading what="changes" />,
});
function preloadTabs() {
  loadCodePane().then((m) => m.preloadCodeViewer(), () => {});
  import("@/modules/versions/ui/compare-pane").catch(() => {});
}

function TabLoading({ what }: { what: string }) {
  return (
    <div role="status" className="p-4 text-sm text-muted-foreground">
      Loading the {what}…
    </div>
  );
}

// The share dialog (Radix dialog, its select) loads when the Share button is first pointed at, focused or pressed.
const loadShareDialog = () => import("@/modules/sharing/ui/share-dialog").then((m) => m.ShareDialog);
const ShareDialog = dynamic(loadShareDialog, { ssr: false });
const preloadShareDialog = () => void loadShareDialog().catch(() => {}); // Opening it tries again.

const RUN_ACTIVE_SAVE = "A generation is running in this project; its result will be the next version. Save when it finishes — history stays one line.";

/** The right-hand side: the selected version's live preview, its code (editable) and what changed in it. */
export function Workspace({
  projectId,
  version,
  versions,
  latestNumber,
  building,
  lastRunStatus,
  onShowLatest,
  onSelectVersion,
  onPickElement,
}: {
  projectId: string;
  version: Version | null;
  versions: Version[];
  latestNumber: number;
  building: boolean;
  /** The latest run's status, so an empty preview can say why it is empty. */
  lastRunStatus: string | null;
  onShowLatest: () => void;
  /** Shows a version that was just made here (a restore, a saved edit). */
  onSelectVersion: (fragmentId: string) => void;
  /** An element picked in the preview ("Select" mode), for the prompt box. */
  onPickElement?: (element: PickedElement) => void;
}) {
  const trpc = useTRPC();
  const showNewVersion = useShowNewVersion(projectId, onSelectVersion);
  const [tab, setTab] = useState("preview");
  // The code panel mounts on first visit, then stays mounted (keeps the draft view, selection and scroll).
  const [opened, setOpened] = useState<Record<string, boolean>>({});
  const [sharing, setSharing] = useState(false);
  const drafts = useDrafts();
  const fragment = version?.fragment ?? null;

  useEffect(() => {
    if ("requestIdleCallback" in window) window.requestIdleCallback(preloadTabs, { timeout: 3000 });
    else setTimeout(preloadTabs, 1500);
  }, []);

  const restore = useMutation(
    trpc.versions.restore.mutationOptions({
      onSuccess: (restored) => {
        showNewVersion(restored, restored.files);
        toast.success(`Restored as v${restored.number}`);
      },
      onError: (error) => toast.error("Could not restore", { description: errorMessage(error) }),
    }),
  );

  function selectTab(next: string) {
    setOpened((o) => ({ ...o, [next]: true }));
    setTab(next);
  }

  const isLatest = !version || version.number === latestNumber;
  const parentNumber = version?.parentId ? versions.find((v) => v.fragment.id === version.parentId)?.number : undefined;

  return (
    <Tabs value={tab} onValueChange={selectTab} className="flex h-full min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border px-3 py-2">
        <TabsList aria-label="Workspace">
          <TabsTrigger value="preview">
            <MonitorIcon />
            Preview
          </TabsTrigger>
          <TabsTrigger value="code">
            <CodeIcon />
            Code{fragment && drafts.has(fragment.id) ? " •" : ""}
          </TabsTrigger>
          <TabsTrigger value="changes">Changes</TabsTrigger>
        </TabsList>
        {version && (
          <p className="min-w-0 truncate text-sm text-muted-foreground">
            <span className="font-medium text-foreground">v{version.number}</span>
            {parentNumber !== undefined && <span className="hidden sm:inline"> from v{parentNumber}</span>}
            <span className="hidden md:inline"> · {version.fragment.title}</span>
          </p>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-2 text-xs text-muted-foreground">
          {version && !isLatest && (
            <>
              <span className="hidden sm:inline">Older version</span>
              <Button
                variant="outline"
                size="xs"
                disabled={restore.isPending || building}
                title={building ? RUN_ACTIVE_SAVE : undefined}
                onClick={() => restore.mutate({ fragmentId: version.fragment.id })}
              >
                {restore.isPending ? "Restoring…" : "Restore this version"}
              </Button>
              <Button variant="outline" size="xs" onClick={onShowLatest}>
                Show latest (v{latestNumber})
              </Button>
            </>
          )}
          {version && (
            <Button variant="outline" size="xs" onClick={() => setSharing(true)} onPointerEnter={preloadShareDialog} onFocus={preloadShareDialog}>
              Share
            </Button>
          )}
        </div>
      </div>
      <TabsContent value="preview" className="min-h-0 flex-1">
        <PreviewPane fragment={fragment} building={building} lastRunStatus={lastRunStatus} onPickElement={onPickElement} />
      </TabsContent>
      <TabsContent value="code" className="min-h-0 flex-1">
        {opened.code && (
          <CodePane
            fragment={fragment}
            versionNumber={version?.number}
            draft={fragment ? drafts.get(fragment.id) : null}
            onDraftChange={(files) => fragment && drafts.set(fragment.id, files)}
            saveBlockedReason={building ? RUN_ACTIVE_SAVE : null}
            onSaved={(saved) => {
              showNewVersion(saved, saved.files);
              setTab("preview");
              toast.success(`Saved as v${saved.number}`);
            }}
          />
        )}
      </TabsContent>
      <TabsContent value="changes" className="min-h-0 flex-1">
        {/* Only while shown: a new version should not start a comparison nobody is looking at. */}
        {tab === "changes" && fragment && (
          <ComparePane key={fragment.id} toId={fragment.id} versions={versions.map((v) => ({ id: v.fragment.id, number: v.number }))} />
        )}
      </TabsContent>
      {version && sharing && <ShareDialog open={sharing} onOpenChange={setSharing} projectId={projectId} version={{ id: version.fragment.id, number: version.number }} />}
    </Tabs>
  );
}
