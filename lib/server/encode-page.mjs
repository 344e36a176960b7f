import { gzipSync } from "node:zlib";

/** Pages shorter than this go as they are, as the compression middleware's default threshold. */
const THRESHOLD = 1024;

/**
 * Whether an Accept-Encoding header accepts gzip: named (or `*`) without `q=0`, and not refused by
 * name when `*` accepts it.
 */
export function acceptsGzip(header) {
  if (!header) return false;
  let gzip;
  let any;
  for (const part of String(header).split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === "gzip") gzip = accepted;
    else if (name.trim() === "*") any = accepted;
  }
  return gzip ?? any ?? false;
}

/** The encoding encodePage gives a page: "gzip", or undefined for the bytes as they are. */
export function pageEncoding(html, { acceptEncoding, cacheControl } = {}) {
  return html.length >= THRESHOLD && acceptsGzip(acceptEncoding) && !/\bno-transform\b/i.test(String(cacheControl ?? "")) ? "gzip" : undefined;
}

/**
 * A whole page's bytes as they go out, with the headers that say so. The server holds every page
 * it strips in full, so it can send it with a Content-Length instead of chunked: nginx then caches
 * and serves it as it does a static file, and a client knows how much is coming.
 */
export function encodePage(html, options = {}) {
  const gzip = pageEncoding(html, options) === "gzip";
  const body = gzip ? gzipSync(html) : html;
  return { body, headers: { "Content-Length": String(body.length), ...(gzip ? { "Content-Encoding": "gzip" } : {}) } };
}
