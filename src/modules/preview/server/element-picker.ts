import { PICKED_ELEMENT, PICKED_LIMITS, PICKER_TOGGLE } from "../picker-message";

/**
 * The "Select" mode script, injected into HTML served under a version's own preview token (the
 * app's preview pane) — never under a share token. Off until the framing app (its origin only,
 * from the parent window only) turns it on; then hovering outlines elements and a click posts
 * the element (tag, a text snippet, a CSS selector, capped outerHTML) to the app and is not
 * passed on to the page. It talks to nothing but `parent.postMessage`.
 */
export function withElementPicker(html: string, appOrigin: string): string {
  const script = `<script>(function(){if(parent===window)return;var on=false,box=null,L=${JSON.stringify(PICKED_LIMITS)};
function sel(el){var parts=[];while(el&&el.nodeType===1&&el!==document.documentElement){if(el.id&&/^[A-Za-z][\\w-]*$/.test(el.id)){parts.unshift("#"+el.id);break}var p=el.parentElement,t=el.tagName.toLowerCase(),s=t;if(p){var same=[].filter.call(p.children,function(c){return c.tagName===el.tagName});if(same.length>1)s+=":nth-of-type("+(same.indexOf(el)+1)+")"}parts.unshift(s);el=p}return parts.join(" > ").slice(0,L.selector)}
function mark(el){if(!box){box=document.createElement("div");box.setAttribute("data-ollio-picker","");box.style.cssText="position:fixed;pointer-events:none;z-index:2147483647;outline:2px solid #6366f1;background:rgba(99,102,241,.12);border-radius:2px"}var r=el.getBoundingClientRect();box.style.left=r.left+"px";box.style.top=r.top+"px";box.style.width=r.width+"px";box.style.height=r.height+"px";if(!box.parentNode)document.documentElement.appendChild(box)}
function over(e){if(on&&e.target&&e.target.nodeType===1)mark(e.target)}
function pick(e){if(!on)return;e.preventDefault();e.stopPropagation();var el=e.target;if(!el||el.nodeType!==1)return;parent.postMessage({type:${JSON.stringify(PICKED_ELEMENT)},tag:el.tagName.toLowerCase(),text:(el.textContent||"").replace(/\\s+/g," ").trim().slice(0,L.text),selector:sel(el),html:el.outerHTML.slice(0,L.html)},${JSON.stringify(appOrigin)})}
addEventListener("message",function(e){if(e.source!==parent||e.origin!==${JSON.stringify(appOrigin)}||!e.data||e.data.type!==${JSON.stringify(PICKER_TOGGLE)})return;on=e.data.on===true;document.documentElement.style.cursor=on?"crosshair":"";if(!on&&box&&box.parentNode)box.parentNode.removeChild(box)});
addEventListener("mouseover",over,true);addEventListener("click",pick,true)})()</script>`.replace(/\n/g, "");
  const doctype = /^\uFEFF?\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + script + html.slice(doctype[0].length) : script + html;
}
