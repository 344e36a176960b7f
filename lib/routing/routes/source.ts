import { findSource, pageOf, parsePageParam, type Page } from "@/lib/content/queries";
import type { Article, SourceInfo } from "@/lib/content/types";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "@/lib/content/validate";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { ArticleStore } from "@/lib/store/types";
import type { RouteQuery } from "./types";

/**
 * `/source/<id>/rss.xml`: a partner in sources.json, or one removed from it whose articles are still
 * published. Partner ids are slugs (sources.json and `source.id` are validated so); anything else is no page.
 */
export async function resolveSourceRss(store: ArticleStore, id: string, now: number): Promise<{ source: SourceInfo } | undefined> {
  if (id.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(id)) return undefined;
  const source = await findSource(store, id, now);
  return source && { source };
}

/** `/source/<id>?page=N`: what the site received from one partner, paged like a section. */
export async function resolveSource(
  store: ArticleStore,
  id: string,
  query: RouteQuery,
  now: number,
): Promise<{ source: SourceInfo; page: Page<Article> } | undefined> {
  const source = (await resolveSourceRss(store, id, now))?.source;
  const pageNumber = parsePageParam(query.page);
  if (!source || pageNumber === undefined) return undefined;
  const page = await pageOf(store, { source: source.id }, now, pageNumber, LIST_PAGE_SIZE);
  return page && { source, page };
}
