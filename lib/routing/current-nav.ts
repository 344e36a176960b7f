import { routing } from "@/i18n/routing";
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

/** The request header in which proxy.ts passes the requested path and query to the layout. */
export const SITE_PATH_HEADER = "x-site-path";

/**
 * `target`: SITE_PATH_HEADER's value, the path and query as requested (`/section/sport?page=2`,
 * with a locale prefix for a language that has one). Anything it cannot read marks nothing: the
 * 404 page for a malformed URL is rendered through the same layout.
 */
export async function currentNav(store: ArticleStore, target: string | null): Promise<CurrentNav | undefined> {
  if (!target) return undefined;
  let url: URL;
  let segments: string[];
  try {
    url = new URL(target, "http://site");
    segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if ((routing.locales as readonly string[]).includes(segments[0] ?? "")) segments.shift();
  const later = Number(url.searchParams.get("page") ?? 1) > 1;
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (first === "section" && second) return { item: second, kind: later ? "true" : "page" };
  if (first === "news" && !second) return { item: "news", kind: later ? "true" : "page" };
  if (first === "news" && second) {
    const found = await store.article(second);
    return found ? { item: found.section, kind: "true" } : undefined;
  }
  return undefined;
}
