import { createHash } from "node:crypto";
import { answerConsentInPlace, CONSENT_COOKIE, CONSENT_MAX_AGE, loadMetrika, METRIKA_TAG } from "@/lib/consent";
import { copyLink } from "@/lib/share/copy-link";
import { applyStoredTheme, CHOICE_ATTRIBUTE, JS_ATTRIBUTE, THEME_ATTRIBUTE, THEME_STORAGE_KEY, themeToggle } from "@/lib/theme";
import { SERIALISED_FUNCTIONS } from "./inline-scripts.generated";

/**
 * Every inline script a page can carry, as the exact text the components render. The
 * Content-Security-Policy allows them by their SHA-256 hashes, computed here from the same strings,
 * so the two cannot drift apart, and a page carries no per-response nonce: cached copies are
 * byte-identical. A new inline script must be added here, or browsers will not run it.
 *
 * Each script is a typed function (in lib/theme.ts, lib/share/copy-link.ts, lib/consent.ts) called
 * with its arguments: `(function(…){…})(document,"theme-toggle",…)`. The function's text is not
 * taken with toString() at run time, because the proxy and the pages are separate bundles that Next
 * minifies each with its own variable names, and a page's script would then not match the proxy's
 * hash. It is taken once, under Vitest, minified by esbuild for ES5 (which also rejects syntax old
 * browsers lack) and kept in inline-scripts.generated.ts, which inline-scripts.test.ts checks and
 * rewrites (`npx vitest run lib/security/inline-scripts.test.ts -u`) when a function changes.
 */
export const THEME_TOGGLE_ID = "theme-toggle";
export const COPY_LINK_ID = "copy-link";
export const CONSENT_FORM_ID = "metrika-consent";

/** The functions that run as inline scripts, by the name their text has in inline-scripts.generated.ts. */
export const INLINE_FUNCTIONS = { applyStoredTheme, themeToggle, copyLink, loadMetrika, answerConsentInPlace };

type InlineFunctions = typeof INLINE_FUNCTIONS;
const SOURCES: Record<keyof InlineFunctions, string> = SERIALISED_FUNCTIONS;

/** A JavaScript expression written into a script as it is (a browser global, a function), typed by its value. */
class Expression<T> {
  declare readonly value?: T;
  constructor(readonly source: string) {}
}

const DOCUMENT = new Expression<Document>("document");
const WINDOW = new Expression<Window>("window");
const NAVIGATOR = new Expression<Navigator>("navigator");

type Arguments<A extends unknown[]> = { [K in keyof A]: A[K] | Expression<A[K]> };

/** `(function(…){…})(arguments)`: a call of one of INLINE_FUNCTIONS, its arguments as JSON or as written. */
export function inlineCall<K extends keyof InlineFunctions>(name: K, ...args: Arguments<Parameters<InlineFunctions[K]>>): string {
  // "<" escaped: no argument can close the <script> element.
  const list = (args as unknown[]).map((a) => (a instanceof Expression ? a.source : JSON.stringify(a).replace(/</g, "\\u003c")));
  return `(${SOURCES[name]})(${list.join(",")})`;
}

export const INLINE_SCRIPTS = {
  /** In <head>: the stored theme, before the first paint. */
  theme: inlineCall("applyStoredTheme", DOCUMENT, WINDOW, JS_ATTRIBUTE, THEME_STORAGE_KEY, THEME_ATTRIBUTE),
  /** After the theme toggle's buttons. */
  themeToggle: inlineCall("themeToggle", DOCUMENT, WINDOW, THEME_TOGGLE_ID, THEME_STORAGE_KEY, THEME_ATTRIBUTE, CHOICE_ATTRIBUTE),
  /** After an article's copy-link control. */
  copyLink: inlineCall("copyLink", DOCUMENT, NAVIGATOR, COPY_LINK_ID),
};

/** The consent notice's and Metrika's scripts, which depend on the counter (METRIKA_ID, read at run time). */
export function metrikaScripts(counterId: number) {
  const loader = inlineCall("loadMetrika", WINDOW, DOCUMENT, Math.trunc(counterId), METRIKA_TAG);
  const onGranted = new Expression<() => void>(`function(){${loader}}`);
  return { loader, consentForm: inlineCall("answerConsentInPlace", DOCUMENT, CONSENT_FORM_ID, CONSENT_COOKIE, CONSENT_MAX_AGE, onGranted) };
}

/** `'sha256-…'` of a script's text, as CSP compares it (the UTF-8 bytes, base64). */
export function scriptHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const hashes = new Map<number | undefined, string[]>();

/** The hash sources of every inline script, Metrika's only when a counter is configured. */
export function inlineScriptHashes(metrikaId: number | undefined): string[] {
  let list = hashes.get(metrikaId);
  if (!list) {
    const texts = [...Object.values(INLINE_SCRIPTS), ...(metrikaId ? Object.values(metrikaScripts(metrikaId)) : [])];
    list = texts.map(scriptHash);
    if (hashes.size > 8) hashes.clear(); // METRIKA_ID changes only with a restart, in practice
    hashes.set(metrikaId, list);
  }
  return list;
}
