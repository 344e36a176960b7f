import { paginate, parsePageParam, type Page } from "@/lib/content/queries";
import { findTag, type Tag } from "@/lib/content/tags";
import type { Article, ContentIndex } from "@/lib/content/types";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { RouteQuery } from "./types";

/**
 * `/tag/<name>?page=N` (`name` decoded): a published tag under its own spelling. Other spellings
 * are no page: the proxy redirects them to this one first (canonicalRedirect).
 */
export function resolveTag(index: ContentIndex, name: string, query: RouteQuery, now: number): { tag: Tag; page: Page<Article> } | undefined {
  const tag = findTag(index, name, now);
  const pageNumber = parsePageParam(query.page);
  if (!tag || tag.name !== name || pageNumber === undefined) return undefined;
  const page = paginate(tag.articles, pageNumber, LIST_PAGE_SIZE);
  return page && { tag, page };
}
