/**
 * What server.mjs refuses before Next sees a request: a method the route does not have (405 with
 * `Allow`; Next rendered pages for PUT/DELETE/PATCH and answered TRACE with a 500), and a path
 * Next cannot decode under the prefixes proxy.ts does not see (400; Next answered
 * `/media/%ff` and `/api/draft/%ff` with a 500 that carried none of the security headers).
 * Page paths with bad encoding are left to proxy.ts, which answers them with the Russian 404 page.
 */

/**
 * The methods each API route exports (app/api/**\/route.ts); request-guard.test.ts compares this
 * table with the route files, so a method added there and forgotten here fails the unit tests.
 */
export const API_METHODS = {
  "/api/consent": ["POST"],
  "/api/draft": ["GET", "POST"],
  "/api/draft/exit": ["POST"],
  "/api/revalidate": ["POST"],
};

/** Pages, feeds, media and Next's own files: read-only. */
const READ_ONLY = ["GET", "HEAD"];

/** Paths proxy.ts never sees (its matcher), where Next itself decodes the path and throws. */
const UNPROXIED = ["/api/", "/_next/", "/_vercel/", "/media/"];

/** The path of a request target, origin-form (`/a?b`) or absolute-form (`http://h/a?b`). */
export function rawPath(url) {
  if (url.startsWith("/")) return url.replace(/[?#].*$/s, "");
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** The decoded path, or undefined for malformed percent-encoding, invalid UTF-8 (overlong forms too) or a NUL. */
export function decodedPath(raw) {
  try {
    const path = decodeURIComponent(raw);
    return path.includes("\0") ? undefined : path;
  } catch {
    return undefined;
  }
}

/** The methods a path answers, OPTIONS included (the server answers it); HEAD goes with GET. */
export function allowedMethods(path) {
  const key = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const exported = Object.hasOwn(API_METHODS, key) ? API_METHODS[key] : READ_ONLY;
  const methods = exported.includes("GET") && !exported.includes("HEAD") ? [...exported, "HEAD"] : [...exported];
  return [...methods, "OPTIONS"];
}

/**
 * The server's own answer to a request Next must not see, or undefined to let it through:
 * `{ status, reason, allow? }`. OPTIONS gets 204 with `Allow`.
 */
export function refusal(method, url) {
  const raw = rawPath(url);
  if (raw === undefined) return { status: 400, reason: "Bad Request: the request target is not a URL\n" };
  const path = decodedPath(raw);
  if (path === undefined) {
    if (UNPROXIED.some((prefix) => raw.startsWith(prefix))) {
      return { status: 400, reason: "Bad Request: the path has malformed percent-encoding, invalid UTF-8 or a NUL byte\n" };
    }
    // proxy.ts answers these with the 404 page; only the method matters here.
  }
  const allowed = allowedMethods(path ?? raw);
  const allow = allowed.join(", ");
  if (method === "OPTIONS") return { status: 204, reason: "", allow };
  if (!allowed.includes(method)) return { status: 405, reason: `Method Not Allowed: ${method} (allowed: ${allow})\n`, allow };
  return undefined;
}
