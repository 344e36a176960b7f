/**
 * The colour theme. Pages are shared-cached, so the server cannot know a reader's choice: the
 * choice lives in the browser (localStorage), and a tiny inline script in <head> applies it to
 * <html> before the first paint. Without JavaScript, or with "system", CSS follows
 * prefers-color-scheme.
 */

export const THEME_STORAGE_KEY = "theme";

export type ThemeChoice = "light" | "dark" | "system";

/** `data-theme` on <html> when the reader chose a theme; absent means "follow the system". */
export const THEME_ATTRIBUTE = "data-theme";

/** Set on <html> by the inline script: CSS shows JavaScript-only controls (the toggle) by it. */
export const JS_ATTRIBUTE = "data-js";

export function parseThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * Runs in <head> before anything is painted. Plain ES5, no dependencies; storage can throw
 * (disabled cookies, some private modes), and then the system setting applies.
 */
export const THEME_SCRIPT = `(function(){var d=document.documentElement;d.setAttribute("${JS_ATTRIBUTE}","");try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t==="light"||t==="dark")d.setAttribute("${THEME_ATTRIBUTE}",t)}catch(e){}})()`;

/** The script nonce of this response, from the Content-Security-Policy the proxy set. */
export function nonceFromPolicy(policy: string | null | undefined): string | undefined {
  return policy?.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
}

/**
 * The page's only other script, at the end of <body>: the theme toggle's buttons and the copy-link
 * control. Pages carry no framework runtime (lib/server/strip-runtime.mjs), so these few lines do
 * what two React client components did. Plain ES5; one delegated click handler.
 */
export const ENHANCE_SCRIPT = `(function(d){var r=d.documentElement,K="${THEME_STORAGE_KEY}",A="${THEME_ATTRIBUTE}";
function stored(){try{var t=localStorage.getItem(K);return t==="light"||t==="dark"?t:"system"}catch(e){return "system"}}
function apply(c){if(c==="system")r.removeAttribute(A);else r.setAttribute(A,c);var b=d.querySelectorAll("[data-theme-choice]");for(var i=0;i<b.length;i++)b[i].setAttribute("aria-pressed",String(b[i].getAttribute("data-theme-choice")===c))}
apply(stored());
addEventListener("storage",function(e){if(e.key===null||e.key===K)apply(stored())});
var l=d.querySelectorAll("[data-copy-link]");for(var j=0;j<l.length;j++){l[j].setAttribute("role","button");l[j].textContent=l[j].getAttribute("data-copy-label")}
d.addEventListener("click",function(e){var t=e.target&&e.target.closest&&e.target.closest("[data-theme-choice],[data-copy-link]");if(!t)return;
if(t.hasAttribute("data-theme-choice")){var c=t.getAttribute("data-theme-choice");try{if(c==="system")localStorage.removeItem(K);else localStorage.setItem(K,c)}catch(x){}apply(c);return}
e.preventDefault();var s=d.getElementById(t.getAttribute("data-copy-status"));function say(m){if(s)s.textContent=m}
if(navigator.clipboard&&navigator.clipboard.writeText)navigator.clipboard.writeText(t.href).then(function(){say(t.getAttribute("data-copied"))},function(){say(t.getAttribute("data-failed"))});else say(t.getAttribute("data-failed"))})})(document)`;
