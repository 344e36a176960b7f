/* eslint-disable no-var -- runs in the browser as an inline script, plain ES5 (see lib/security/inline-scripts.ts) */

/**
 * Runs right after the copy-link markup, serialised with toString(), so it may use nothing from
 * outside its own body. Without it the control is a plain link to the canonical URL (open it,
 * long-press it, copy it). Where the Clipboard API is available it becomes a button that copies the
 * URL and says so in the live region next to it; the texts come from data attributes, written from
 * the messages by the server.
 */
export function copyLink(d: Document, n: Navigator, wrapperId: string): void {
  var wrapper = d.getElementById(wrapperId);
  if (!wrapper || !n.clipboard) return;
  var w: HTMLElement = wrapper;
  var link = w.querySelector("a"),
    status = w.querySelector("[aria-live]");
  if (!link || !status) return;
  var s: Element = status;
  var url = link.href,
    button = d.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.textContent = w.getAttribute("data-copy");
  link.replaceWith(button);
  button.addEventListener("click", function () {
    n.clipboard.writeText(url).then(
      function () {
        s.textContent = w.getAttribute("data-copied");
      },
      function () {
        s.textContent = w.getAttribute("data-failed");
      },
    );
  });
}
