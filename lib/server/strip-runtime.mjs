/**
 * Server-rendered pages without Next's client runtime.
 *
 * Every page here is complete in its HTML, links are plain anchors and the few interactive parts
 * (theme toggle, copy link, consent notice) work as forms or as a small script of their own. The
 * React runtime, the router and the RSC payload that Next adds to each page would hydrate nothing,
 * yet cost a phone reader about 160 KB of gzipped JavaScript and double the HTML. So the production
 * server removes them from successful and not-found pages. Error pages (5xx) keep them: their
 * error boundary renders in the browser.
 */

// External chunks and their preloads, including the nomodule polyfills.
const CHUNK_SCRIPT = /<script\b[^>]*\bsrc="\/_next\/static\/[^"]*"[^>]*><\/script>/g;
const CHUNK_PRELOAD = /<link\b(?=[^>]*\bas="script")(?=[^>]*\bhref="\/_next\/static\/)[^>]*>/g;
// Inline scripts that feed the RSC payload or boot Turbopack's chunk loader. The payload escapes
// "<" inside strings, so the first "</script>" ends it.
const RUNTIME_INLINE = /<script\b[^>]*>\s*(?:\(?self\.__next_f|\(?globalThis\[?["']?TURBOPACK)[\s\S]*?<\/script>/g;

/** Removes Next's client runtime from a page's HTML; anything else, inline scripts included, stays. */
export function stripClientRuntime(html) {
  return html.replace(CHUNK_SCRIPT, "").replace(CHUNK_PRELOAD, "").replace(RUNTIME_INLINE, "");
}

/** Whether a response is a page whose runtime can go: HTML, 200 or 404, not a draft preview. */
export function shouldStrip(statusCode, contentType, cookieHeader) {
  if (statusCode !== 200 && statusCode !== 404) return false;
  if (!/^text\/html\b/i.test(contentType ?? "")) return false;
  // Next's own development tools and draft mode's preview stay as Next ships them.
  return !/(?:^|;\s*)__prerender_bypass=/.test(cookieHeader ?? "");
}
