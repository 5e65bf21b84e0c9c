export { startPreviewServer, type PreviewServer, type PreviewServerOptions } from "./preview-server";
export { startPreviewServerOnce } from "./start-preview-server-once";
export { previewUrlFor } from "./preview-url";
export { newPreviewToken, isPreviewToken, isGrantToken, findPreviewGrant, type PreviewGrant } from "./preview-token";
