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
