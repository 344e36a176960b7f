import { findSource, paginate, parsePageParam, sourceArticles, type Page } from "@/lib/content/queries";
import type { Article, ContentIndex, SourceInfo } from "@/lib/content/types";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "@/lib/content/validate";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { RouteQuery } from "./types";

/**
 * `/source/<id>/rss.xml`: a partner in sources.json, or one removed from it whose articles are still
 * published. Partner ids are slugs (sources.json and `source.id` are validated so); anything else is no page.
 */
export function resolveSourceRss(index: ContentIndex, id: string, now: number): { source: SourceInfo } | undefined {
  if (id.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(id)) return undefined;
  const source = findSource(index, id, now);
  return source && { source };
}

/** `/source/<id>?page=N`: what the site received from one partner, paged like a section. */
export function resolveSource(index: ContentIndex, id: string, query: RouteQuery, now: number): { source: SourceInfo; page: Page<Article> } | undefined {
  const source = resolveSourceRss(index, id, now)?.source;
  const pageNumber = parsePageParam(query.page);
  if (!source || pageNumber === undefined) return undefined;
  const page = paginate(sourceArticles(index, source.id, now), pageNumber, LIST_PAGE_SIZE);
  return page && { source, page };
}
