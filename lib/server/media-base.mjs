/**
 * MEDIA_BASE_URL (docs/production.md, "Photos from a CDN or an object store"): where readers fetch
 * the photos, in place of this site's /media. Pages then point each photo to
 * `${MEDIA_BASE_URL}/media/<file>` (the same path as on this site) and its resized copies beside it,
 * which `npm run media:export` writes (scripts/build/media-export.ts). Plain JavaScript so that
 * server.mjs can refuse a wrong value when it starts, rather than every page failing later.
 */

/**
 * The base as pages use it: an http(s) URL without a query, a fragment or credentials, and without
 * the trailing slash (`https://cdn.example/` and `https://cdn.example` name the same base); a
 * problem naming the variable when the value cannot be one. Empty or unset: no base.
 */
export function parseMediaBaseUrl(value) {
  const raw = (value ?? "").trim();
  if (!raw) return {};
  const problem = (why) => ({ problem: `MEDIA_BASE_URL: ${why} (got ${JSON.stringify(raw)}); for example MEDIA_BASE_URL=https://cdn.example.com` });
  let url;
  try {
    url = new URL(raw);
  } catch {
    return problem("is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return problem("must start with https:// or http://");
  if (url.username || url.password) return problem("must not carry a user name or password");
  if (url.search || url.hash || raw.includes("?") || raw.includes("#")) return problem("must not have a query (?) or a fragment (#)");
  return { base: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

/** The photos' base from the environment, or undefined; throws the problem when it is not one. */
export function mediaBaseUrl(env = process.env) {
  const { base, problem } = parseMediaBaseUrl(env.MEDIA_BASE_URL);
  if (problem) throw new Error(problem);
  return base;
}
