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

/* The two functions below run in the browser as inline scripts, serialised with toString() (see
   lib/security/inline-scripts.ts): they may use nothing from outside their own bodies, get every name
   and constant as an argument, and are plain ES5 (var, function, no optional catch binding), as the
   head script must run in any browser that can show the page. */
/* eslint-disable no-var, @typescript-eslint/no-unused-vars -- ES5 for old browsers; `catch (e)` needs its unused binding in ES5 */

/**
 * Runs in <head> before anything is painted: marks that JavaScript runs and applies a stored
 * light or dark choice to <html>. Storage can throw (disabled cookies, some private modes), and
 * then the system setting applies.
 */
export function applyStoredTheme(d: Document, w: Window, jsAttribute: string, storageKey: string, themeAttribute: string): void {
  var html = d.documentElement;
  html.setAttribute(jsAttribute, "");
  try {
    var stored = w.localStorage.getItem(storageKey);
    if (stored === "light" || stored === "dark") html.setAttribute(themeAttribute, stored);
  } catch (e) {}
}

/**
 * Runs right after the toggle's markup: marks the stored choice as pressed (the server rendered
 * "system", as it cannot know), and on a click stores the choice and applies it to <html>. A choice
 * made in another tab applies here too.
 */
export function themeToggle(d: Document, w: Window, groupId: string, storageKey: string, themeAttribute: string, choiceAttribute: string): void {
  var found = d.getElementById(groupId);
  if (!found) return;
  var group: HTMLElement = found;
  var html = d.documentElement;
  function stored(): string {
    try {
      var value = w.localStorage.getItem(storageKey);
      return value === "light" || value === "dark" ? value : "system";
    } catch (e) {
      return "system";
    }
  }
  function show(choice: string): void {
    var buttons = group.querySelectorAll("[" + choiceAttribute + "]");
    for (var i = 0; i < buttons.length; i++) buttons[i]!.setAttribute("aria-pressed", String(buttons[i]!.getAttribute(choiceAttribute) === choice));
  }
  function apply(choice: string): void {
    if (choice === "system") html.removeAttribute(themeAttribute);
    else html.setAttribute(themeAttribute, choice);
    show(choice);
  }
  group.addEventListener("click", function (event) {
    var button = (event.target as Element).closest("[" + choiceAttribute + "]");
    if (!button) return;
    var choice = button.getAttribute(choiceAttribute) || "system";
    try {
      if (choice === "system") w.localStorage.removeItem(storageKey);
      else w.localStorage.setItem(storageKey, choice);
    } catch (e) {}
    apply(choice);
  });
  w.addEventListener("storage", function (event) {
    if (event.key === storageKey || event.key === null) apply(stored());
  });
  show(stored());
}
/* eslint-enable no-var, @typescript-eslint/no-unused-vars */
