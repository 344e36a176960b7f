import type { ArticleStore } from "@/lib/store/types";

/**
 * Which item of the header's menu the page belongs to, and how: `page` when the page is that
 * item's own (a section's first page, the feed's), `true` when it is inside it (an article of the
 * section, a later page). The layout does not know the path by itself: the proxy passes it on in
 * SITE_PATH_HEADER.
 */
export interface CurrentNav {
  /** A section's slug, or "news" for «Все новости». */
  item: string;
  kind: "page" | "true";
}

/** The request header in which proxy.ts passes the page's path (without the locale prefix) to the layout. */
export const SITE_PATH_HEADER = "x-site-path";

/** `target`: SITE_PATH_HEADER's value, the path and query as requested (`/section/sport?page=2`). */
export async function currentNav(store: ArticleStore, target: string | null): Promise<CurrentNav | undefined> {
  if (!target) return undefined;
  const url = new URL(target, "http://site");
  const path = url.pathname;
  const later = Number(url.searchParams.get("page") ?? 1) > 1;
  const section = /^\/section\/([^/]+)\/?$/.exec(path);
  if (section) return { item: decodeURIComponent(section[1]!), kind: later ? "true" : "page" };
  if (path === "/news" || path === "/news/") return { item: "news", kind: later ? "true" : "page" };
  const article = /^\/news\/([^/]+)\/?$/.exec(path);
  if (article) {
    const found = await store.article(decodeURIComponent(article[1]!));
    return found ? { item: found.section, kind: "true" } : undefined;
  }
  return undefined;
}
