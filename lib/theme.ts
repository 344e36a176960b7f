/**
 * The colour theme. Pages are shared-cached, so the server cannot know a reader's choice: the
 * choice lives in the browser (localStorage), and a tiny inline script in <head> applies it to
 * <html> before the first paint. Without JavaScript, or with "system", CSS follows
 * prefers-color-scheme. Pages carry no client framework (see lib/server/strip-runtime.mjs), so
 * the toggle's behaviour is a small inline script too.
 */

export const THEME_STORAGE_KEY = "theme";

export type ThemeChoice = "light" | "dark" | "system";

export const THEME_CHOICES: ThemeChoice[] = ["light", "dark", "system"];

/** `data-theme` on <html> when the reader chose a theme; absent means "follow the system". */
export const THEME_ATTRIBUTE = "data-theme";

/** Set on <html> by the head script: CSS shows JavaScript-only controls (the toggle) by it. */
export const JS_ATTRIBUTE = "data-js";

/** On each toggle button: the choice it makes. */
export const CHOICE_ATTRIBUTE = "data-theme-choice";

export function parseThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * Runs in <head> before anything is painted. Plain ES5, no dependencies; storage can throw
 * (disabled cookies, some private modes), and then the system setting applies.
 */
export const THEME_SCRIPT =
  `(function(){var d=document.documentElement;d.setAttribute("${JS_ATTRIBUTE}","");` +
  `try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t==="light"||t==="dark")d.setAttribute("${THEME_ATTRIBUTE}",t)}catch(e){}})()`;

/**
 * Runs right after the toggle's markup: marks the stored choice as pressed (the server rendered
 * "system", as it cannot know), and on a click stores the choice and applies it to <html>. A choice
 * made in another tab applies here too.
 */
export function themeToggleScript(groupId: string): string {
  return (
    `(function(d,w){var g=d.getElementById(${JSON.stringify(groupId)});if(!g)return;var r=d.documentElement,K="${THEME_STORAGE_KEY}";` +
    `function get(){try{var t=w.localStorage.getItem(K);return t==="light"||t==="dark"?t:"system"}catch(e){return "system"}}` +
    `function show(c){var b=g.querySelectorAll("[${CHOICE_ATTRIBUTE}]");for(var i=0;i<b.length;i++)b[i].setAttribute("aria-pressed",String(b[i].getAttribute("${CHOICE_ATTRIBUTE}")===c))}` +
    `function apply(c){if(c==="system")r.removeAttribute("${THEME_ATTRIBUTE}");else r.setAttribute("${THEME_ATTRIBUTE}",c);show(c)}` +
    `g.addEventListener("click",function(e){var b=e.target.closest("[${CHOICE_ATTRIBUTE}]");if(!b)return;var c=b.getAttribute("${CHOICE_ATTRIBUTE}");` +
    `try{if(c==="system")w.localStorage.removeItem(K);else w.localStorage.setItem(K,c)}catch(x){}apply(c)});` +
    `w.addEventListener("storage",function(e){if(e.key===K||e.key===null)apply(get())});show(get())})(document,window)`
  );
}

