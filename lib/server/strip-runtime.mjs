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

// The page is scanned as bytes: decoding 150 KB of UTF-8 into a string and running three regular
// expressions over it cost about 6 ms a page, a fifth of an article's render. Only the tags
// themselves (ASCII attributes) are decoded, as latin1.
const SCRIPT = Buffer.from("<script");
const LINK = Buffer.from("<link");
const SCRIPT_END = Buffer.from("</script>");
// External chunks (the nomodule polyfills too) and their preloads.
const CHUNK_SRC = /\bsrc="\/_next\/static\//;
const CHUNK_HREF = /\bhref="\/_next\/static\//;
const AS_SCRIPT = /\bas="script"/;
// The build's stylesheets, which may be inlined. With a deploymentId (next.config.ts) Next appends
// `?dpl=<id>` to asset URLs: the file is the same, so the query is read past.
const STYLESHEET = /\brel="stylesheet"/;
const STYLESHEET_HREF = /\bhref="(\/_next\/static\/[\w\-./]+\.css)(?:\?dpl=[^"&]*)?"/;
// Inline scripts that feed the RSC payload or boot Turbopack's chunk loader. The payload escapes
// "<" inside strings, so the first "</script>" ends it.
const RUNTIME_START = /^\s*\(?(?:self\.__next_f|globalThis\[?["']?TURBOPACK)/;

/**
 * Removes Next's client runtime from a page's HTML bytes; anything else, inline scripts included,
 * stays. With `stylesheet`, a `<link rel="stylesheet">` to the build's CSS becomes a `<style>` with
 * the bytes it returns for that href (undefined leaves the link).
 */
export function stripClientRuntimeBytes(buf, { stylesheet } = {}) {
  const kept = [];
  let from = 0;
  let pos = 0;
  let nextScript = buf.indexOf(SCRIPT, 0);
  let nextLink = buf.indexOf(LINK, 0);
  while (nextScript >= 0 || nextLink >= 0) {
    const isScript = nextLink < 0 || (nextScript >= 0 && nextScript < nextLink);
    const at = isScript ? nextScript : nextLink;
    const close = buf.indexOf(0x3e, at); // ">"
    if (close < 0) break;
    const after = buf[at + (isScript ? SCRIPT.length : LINK.length)];
    const boundary = after === 0x3e || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d || after === 0x2f;
    let drop = -1;
    let insert;
    if (boundary) {
      const tag = buf.toString("latin1", at, close + 1);
      if (!isScript) {
        if (AS_SCRIPT.test(tag) && CHUNK_HREF.test(tag)) drop = close + 1;
        else if (stylesheet && STYLESHEET.test(tag)) {
          const href = STYLESHEET_HREF.exec(tag)?.[1];
          const css = href && !href.includes("..") ? stylesheet(href) : undefined;
          if (css) {
            drop = close + 1;
            insert = Buffer.concat([Buffer.from(`<style data-href="${href}">`), css, Buffer.from("</style>")]);
          }
        }
      } else if (CHUNK_SRC.test(tag)) {
        if (buf.indexOf(SCRIPT_END, close + 1) === close + 1) drop = close + 1 + SCRIPT_END.length;
      } else if (RUNTIME_START.test(buf.toString("latin1", close + 1, Math.min(buf.length, close + 80)))) {
        const end = buf.indexOf(SCRIPT_END, close + 1);
        if (end >= 0) drop = end + SCRIPT_END.length;
      }
    }
    if (drop >= 0) {
      kept.push(buf.subarray(from, at));
      if (insert) kept.push(insert);
      from = drop;
    }
    pos = drop >= 0 ? drop : close + 1;
    if (nextScript >= 0 && nextScript < pos) nextScript = buf.indexOf(SCRIPT, pos);
    if (nextLink >= 0 && nextLink < pos) nextLink = buf.indexOf(LINK, pos);
  }
  if (from === 0) return buf;
  kept.push(buf.subarray(from));
  return Buffer.concat(kept);
}

/**
 * Whether a response is a page whose runtime can go: HTML, 200 or 404. An editor's preview too: it
 * is a server-rendered page like any other (its banner's button is a form), and its inline scripts
 * are the site's own, which the CSP allows by hash. (The third argument, the Cookie header, is no
 * longer read: Next's draft-mode cookie used to keep the runtime.)
 */
export function shouldStrip(statusCode, contentType) {
  if (statusCode !== 200 && statusCode !== 404) return false;
  return /^text\/html\b/i.test(contentType ?? "");
}

/** Must match PAGE_POLICY_HEADER in lib/security/headers.ts. */
const PAGE_POLICY_HEADER = "x-page-csp";

/**
 * Settles a response's Content-Security-Policy once it is known whether the page keeps Next's
 * client runtime. The proxy's policy carries this response's nonce, which Next stamps on its
 * scripts; the page's own policy (inline scripts by hash, no nonce: the same for every response)
 * comes in a private header. Only an HTML page that keeps the runtime (an error page) keeps the
 * nonce; every other answer gets the page policy, and the private header never leaves the server.
 */
export function settlePolicy(res, stripped) {
  const page = res.getHeader(PAGE_POLICY_HEADER);
  if (page === undefined) return;
  res.removeHeader(PAGE_POLICY_HEADER);
  const keepsRuntime = !stripped && /^text\/html\b/i.test(String(res.getHeader("content-type") ?? ""));
  if (!keepsRuntime) res.setHeader("Content-Security-Policy", page);
}
