/**
 * The public origin of the site, from SITE_URL; every canonical and feed URL is built on it. Without
 * it (server.mjs warns at start), the address the server listens on (lib/server/listen-origin.mjs),
 * so links lead to a server that answers; outside server.mjs, Next's default port.
 */
export function siteUrl(): string {
  const fallback = process.env.LISTEN_ORIGIN || "http://localhost:3000";
  for (const raw of [process.env.SITE_URL, fallback]) {
    if (!raw) continue;
    try {
      const u = new URL(raw);
      return u.origin + u.pathname.replace(/\/+$/, "");
    } catch {
      // a malformed SITE_URL: the fallback
    }
  }
  return "http://localhost:3000";
}

export function absoluteUrl(path: string, base: string = siteUrl()): string {
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

/** A list's page N: `?page=N` from page 2 on; page 1 has one URL, the bare path. */
export function withPage(path: string, page = 1): string {
  return page > 1 ? `${path}?page=${page}` : path;
}

/** The news feed: `/news`, `/news?page=N`. */
export const newsPath = (page = 1) => withPage("/news", page);
export const articlePath = (slug: string) => `/news/${slug}`;
/** An article's link-preview card (app/[locale]/news/[slug]/opengraph-image). */
export const articleImagePath = (slug: string) => `${articlePath(slug)}/opengraph-image`;
/** A section's page: `/section/<slug>`, `/section/<slug>?page=N` from page 2 on. */
export const sectionPath = (slug: string, page = 1) => withPage(`/section/${slug}`, page);
export const sectionRssPath = (slug: string) => `${sectionPath(slug)}/rss.xml`;

/** A partner's page: `/source/<id>`, `/source/<id>?page=N` from page 2 on (page 1 has one URL). */
export function sourcePath(id: string, page = 1): string {
  return withPage(`/source/${id}`, page);
}

/** A partner's feed: `/source/<id>/rss.xml`. */
export const sourceRssPath = (id: string) => `${sourcePath(id)}/rss.xml`;

/**
 * A search page's URL: `/search?q=…&page=N&sort=date` (no `q` for the empty search, no `page` for
 * page 1, no `sort` for relevance, the default order).
 */
export function searchPath(query: string, page = 1, sort: "relevance" | "date" = "relevance"): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  if (sort === "date") params.set("sort", "date");
  const qs = params.toString();
  return qs ? `/search?${qs}` : "/search";
}
