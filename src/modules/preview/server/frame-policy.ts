/**
 * The Content-Security-Policy Ollio's project pages send so their preview frame can show nothing
 * but previews: `frame-src` is checked by the browser on every navigation of the frame — the
 * preview's own `location = …` included — so a preview cannot take its frame to another site
 * (Chromium shows its "blocked" page instead, and the pane its warning). Only frames are
 * restricted; the page's own scripts, styles and fetches are not touched.
 * `liveSandboxOrigins`: where live sandbox URLs point (E2B: https://<port>-<id>.e2b.app).
 */
export function previewFramePolicy(previewOrigin: string, liveSandboxOrigins: readonly string[] = []): string {
  return `frame-src ${[new URL(previewOrigin).origin, ...liveSandboxOrigins].join(" ")}`;
}

/** E2B's live sandbox hosts (the SDK's default domain). */
export const E2B_SANDBOX_ORIGINS = ["https://*.e2b.app"] as const;

/** The pages that frame previews: a project's workspace. */
export function framesPreviews(pathname: string): boolean {
  return pathname.startsWith("/projects/");
}
