import compression from "compression";

/**
 * Compression of the answers this server does not encode itself: feeds, sitemaps, JSON, error
 * pages and Next's static files (stripped pages are gzipped whole by encode-page.mjs, and the
 * middleware leaves an answer that already has a Content-Encoding alone).
 *
 * It is the public `compression` package. The server used to take Next's bundled copy
 * (next/dist/compiled/compression), a private path that may change or go with any Next release.
 * That copy offered gzip and deflate only; the public one (1.8+) prefers Brotli when a client
 * takes it. Brotli is kept out so the switch changes nothing a client receives: pages go out as
 * gzip, nginx asks the app for gzip only and caches that one copy (deploy/nginx), and a second
 * encoding for the other answers would be a decision of its own, not a side effect of a
 * dependency. The middleware reads only the request's method and headers, so it is handed a view
 * of the request whose Accept-Encoding refuses Brotli; the request itself is not changed.
 */
export function createCompression(options) {
  const middleware = compression(options);
  return (req, res) => middleware(withoutBrotli(req), res, () => {});
}

/** The request as the middleware sees it: Brotli refused by name, so `*` cannot choose it either. */
export function withoutBrotli(req) {
  const header = req.headers["accept-encoding"];
  if (header === undefined) return req;
  const kept = String(header)
    .split(",")
    .filter((part) => part.split(";")[0].trim().toLowerCase() !== "br");
  return Object.create(req, { headers: { value: { ...req.headers, "accept-encoding": [...kept, "br;q=0"].join(",") }, enumerable: true } });
}
