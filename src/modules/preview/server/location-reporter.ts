import { PREVIEW_LOCATION_MESSAGE } from "../preview-message";

/**
 * Inserts a tiny script, first in the document, that tells the framing app where the frame is
 * (preview-message.ts), posted only to the app's origin. A frame whose `load` fires without a
 * `start` from it has left the preview (a page the preview server did not serve), and the app
 * says so. It reveals nothing new — the app knows the URL it framed. The generated code could
 * post the same message itself, which is why the app treats it as a hint for its warning, not
 * as proof (docs/security.md, "Previews").
 */
export function withLocationReporter(html: string, appOrigin: string): string {
  const script =
    `<script>(function(){if(parent===window)return;var r=function(p){try{parent.postMessage({type:${JSON.stringify(PREVIEW_LOCATION_MESSAGE)},phase:p,href:location.href},${JSON.stringify(appOrigin)})}catch(e){}};` +
    `r("start");addEventListener("hashchange",function(){r("change")});addEventListener("popstate",function(){r("change")})})()</script>`;
  // After the doctype, never before it: anything ahead of it puts the page in quirks mode.
  const doctype = /^\uFEFF?\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + script + html.slice(doctype[0].length) : script + html;
}
