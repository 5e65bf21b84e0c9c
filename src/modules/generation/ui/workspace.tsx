"use client";

import { useEffect, useState } from "react";
import { CodeIcon, MonitorIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CodePane, preloadCodeViewer } from "./code-pane";
import { PreviewPane } from "./preview-pane";
import type { Version } from "./versions";

/** The right-hand side: the selected version's live preview and its code. */
export function Workspace({
  version,
  latestNumber,
  building,
  lastRunStatus,
  onShowLatest,
}: {
  version: Version | null;
  latestNumber: number;
  building: boolean;
  /** The latest run's status, so an empty preview can say why it is empty. */
  lastRunStatus: string | null;
  onShowLatest: () => void;
}) {
  const [tab, setTab] = useState("preview");
  // The code panel mounts on first visit, then stays mounted (keeps the selected file and scroll).
  const [codeOpened, setCodeOpened] = useState(false);
  const fragment = version?.fragment ?? null;

  useEffect(() => {
    if ("requestIdleCallback" in window) window.requestIdleCallback(preloadCodeViewer, { timeout: 3000 });
    else setTimeout(preloadCodeViewer, 1500);
  }, []);

  function selectTab(next: string) {
    if (next === "code") setCodeOpened(true);
    setTab(next);
  }

  return (
    <Tabs value={tab} onValueChange={selectTab} className="flex h-full min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-3 border-b border-border px-3 py-2">
        <TabsList aria-label="Workspace">
          <TabsTrigger value="preview">
            <MonitorIcon />
            Preview
          </TabsTrigger>
          <TabsTrigger value="code">
            <CodeIcon />
            Code
          </TabsTrigger>
        </TabsList>
        {version && (
          <p className="min-w-0 truncate text-sm text-muted-foreground">
            <span className="font-medium text-foreground">v{version.number}</span>
            <span className="hidden md:inline"> · {version.fragment.title}</span>
          </p>
        )}
        {version && version.number !== latestNumber && (
          <p className="ml-auto flex shrink-0 items-center gap-2 text-xs text-muted-foreground">
            <span className="hidden sm:inline">Older version</span>
            <Button variant="outline" size="xs" onClick={onShowLatest}>
              Show latest (v{latestNumber})
            </Button>
          </p>
        )}
      </div>
      <TabsContent value="preview" className="min-h-0 flex-1">
        <PreviewPane fragment={fragment} building={building} lastRunStatus={lastRunStatus} />
      </TabsContent>
      <TabsContent value="code" className="min-h-0 flex-1">
        {codeOpened && <CodePane fragment={fragment} />}
      </TabsContent>
    </Tabs>
  );
}
