import { createHash } from "node:crypto";
import { consentFormScript, metrikaLoaderScript } from "@/lib/consent";
import { copyLinkScript } from "@/lib/share/copy-link";
import { THEME_SCRIPT, themeToggleScript } from "@/lib/theme";

/**
 * Every inline script a page can carry, as the exact text the components render. The
 * Content-Security-Policy allows them by their SHA-256 hashes, computed here from the same strings,
 * so the two cannot drift apart, and a page carries no per-response nonce: cached copies are
 * byte-identical. A new inline script must be added here, or browsers will not run it.
 */
export const THEME_TOGGLE_ID = "theme-toggle";
export const COPY_LINK_ID = "copy-link";
export const CONSENT_FORM_ID = "metrika-consent";

export const INLINE_SCRIPTS = {
  /** In <head>: the stored theme, before the first paint. */
  theme: THEME_SCRIPT,
  /** After the theme toggle's buttons. */
  themeToggle: themeToggleScript(THEME_TOGGLE_ID),
  /** After an article's copy-link control. */
  copyLink: copyLinkScript(COPY_LINK_ID),
};

/** The consent notice's and Metrika's scripts, which depend on the counter (METRIKA_ID, read at run time). */
export function metrikaScripts(counterId: number) {
  return { loader: metrikaLoaderScript(counterId), consentForm: consentFormScript(CONSENT_FORM_ID, counterId) };
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
