import { createHash } from "node:crypto";

/**
 * Validators for the pages server.mjs holds whole (lib/server/strip-runtime.mjs), so crawlers, nginx
 * (`proxy_cache_revalidate`) and browsers can ask "changed?" and get a 304 without the page.
 *
 * A 304 must never hide a change, and a page shows more than dates can vouch for: an article taken
 * down or moved out of a list leaves the list's newest date as it was, an editor fixes a typo
 * without touching `updated`, a section is renamed, a deploy changes the markup, the footer's year
 * turns. So both validators come from the page's own bytes:
 * - ETag: a hash of the page as rendered (before compression; the gzip copy's tag says `-gzip`).
 *   The same bytes have the same tag on every instance of one build.
 * - Last-Modified: when this process first served the page's current bytes. A page it has not
 *   served yet (since it started, or since it forgot it) gets the present second, as it cannot know
 *   when the bytes it now sends appeared; a page whose bytes changed gets a later second than the
 *   one it had, so an `If-Modified-Since` that names the old one never matches the new bytes.
 */

/** A page's entity tag: a strong hash of its bytes. */
export function pageTag(html) {
  return `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"`;
}

/** The tag of one encoding of the page: other bytes on the wire, so another strong tag. */
export function encodedTag(tag, encoding) {
  return encoding ? `${tag.slice(0, -1)}-${encoding}"` : tag;
}

/** The page a tag names, whatever its encoding or weakness (If-None-Match compares weakly). */
function pageOf(tag) {
  return tag
    .trim()
    .replace(/^W\//, "")
    .replace(/-(?:gzip|deflate)"$/, '"');
}

const second = (ms) => Math.floor(ms / 1000) * 1000;

/**
 * Remembers, per URL, the tag of the bytes last served and the second they were first served, for
 * at most `limit` URLs (the least recently served are forgotten first: about 150 bytes each).
 */
export function createPageValidators({ limit = 20_000, now = Date.now } = {}) {
  const pages = new Map();
  return {
    /** The Last-Modified (epoch ms, whole seconds) of the page at `url` whose bytes have `tag`. */
    lastModified(url, tag) {
      const present = second(now());
      // A URL is the reader's to choose (up to Node's 16 KB of headers): kept as a digest, so
      // 20,000 of them stay near the 150 bytes each said above whatever their length.
      const key = createHash("sha256").update(url).digest("base64url");
      const known = pages.get(key);
      // The same bytes keep their second; other bytes get a later one, even within one second.
      const since = known?.tag === tag ? known.since : known ? Math.max(present, known.since + 1000) : present;
      pages.delete(key);
      pages.set(key, { tag, since });
      if (pages.size > limit) pages.delete(pages.keys().next().value);
      return since;
    },
    get size() {
      return pages.size;
    },
  };
}

/**
 * Whether a GET or HEAD with these request headers may have a 304 for a page with these
 * validators (RFC 9110, 13.2.2): If-None-Match when sent, and then If-Modified-Since is not looked
 * at; otherwise If-Modified-Since, when it is a date not before Last-Modified.
 */
export function notModified(method, headers, { etag, lastModified }) {
  if (method !== "GET" && method !== "HEAD") return false;
  const ifNoneMatch = headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    const listed = String(ifNoneMatch);
    if (listed.trim() === "*") return true;
    const current = pageOf(etag);
    return listed.split(",").some((tag) => tag.trim() !== "" && pageOf(tag) === current);
  }
  const ifModifiedSince = headers["if-modified-since"];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(String(ifModifiedSince));
  return Number.isFinite(since) && lastModified <= since;
}
