/**
 * Runs right after the copy-link markup. Without it the control is a plain link to the canonical
 * URL (open it, long-press it, copy it). Where the Clipboard API is available it becomes a button
 * that copies the URL and says so in the live region next to it; the texts come from data
 * attributes, written from the messages by the server.
 */
export function copyLinkScript(wrapperId: string): string {
  return (
    `(function(d,n){var w=d.getElementById(${JSON.stringify(wrapperId)});if(!w||!n.clipboard)return;` +
    `var a=w.querySelector("a"),s=w.querySelector("[aria-live]");if(!a||!s)return;var u=a.href,b=d.createElement("button");` +
    `b.type="button";b.className=a.className;b.textContent=w.getAttribute("data-copy");a.replaceWith(b);` +
    `b.addEventListener("click",function(){n.clipboard.writeText(u).then(function(){s.textContent=w.getAttribute("data-copied")},` +
    `function(){s.textContent=w.getAttribute("data-failed")})})})(document,navigator)`
  );
}
