/** The message a served preview page posts to the app's window, on parse and on load. */
export const PREVIEW_LOCATION_MESSAGE = "ollio:preview-location";

/**
 * Inserts a tiny script, first in the document, that tells the framing app where the frame is:
 * `{ type: "ollio:preview-location", href }`, posted only to the app's origin. A frame whose
 * `load` fires without this message has left the preview (a page the preview server did not
 * serve), and the app says so. It reveals nothing new — the app knows the URL it framed — and
 * the generated code could post the same message itself, which is why the app treats it as a
 * hint for its warning, not as proof (see docs/security-preview.md).
 */
export function withLocationReporter(html: string, appOrigin: string): string {
  const script =
    `<script>(function(){if(parent===window)return;var r=function(){try{parent.postMessage({type:${JSON.stringify(PREVIEW_LOCATION_MESSAGE)},href:location.href},${JSON.stringify(appOrigin)})}catch(e){}};` +
    `r();addEventListener("load",r);addEventListener("hashchange",r);addEventListener("popstate",r)})()</script>`;
  // After the doctype, never before it: anything ahead of it puts the page in quirks mode.
  const doctype = /^\uFEFF?\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + script + html.slice(doctype[0].length) : script + html;
}
