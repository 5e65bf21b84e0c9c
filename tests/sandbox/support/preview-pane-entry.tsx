// Test page for the real PreviewPane, bundled by preview-departure-browser.test.ts (no Next build).
import { createRoot } from "react-dom/client";
import { PreviewPane } from "@/modules/generation/ui/preview-pane";

const previewUrl = (window as unknown as { PREVIEW_URL: string }).PREVIEW_URL;
createRoot(document.getElementById("root")!).render(
  <div style={{ height: "600px" }}>
    <PreviewPane fragment={{ id: "f1", title: "Test version", previewUrl, sandboxUrl: null, problems: [], screenshots: [] }} building={false} />
  </div>,
);
