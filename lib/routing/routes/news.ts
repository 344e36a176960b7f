import { findPublished, paginate, parsePageParam, publishedArticles, type Page } from "@/lib/content/queries";
import type { Article, ContentIndex, Section } from "@/lib/content/types";
import { SLUG_PATTERN } from "@/lib/content/validate";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { RouteQuery } from "./types";

/** `/news?page=N`: the news feed's page N, while the feed has one. */
export function resolveNewsList(index: ContentIndex, query: RouteQuery, now: number): { page: Page<Article> } | undefined {
  const pageNumber = parsePageParam(query.page);
  const page = pageNumber === undefined ? undefined : paginate(publishedArticles(index, now), pageNumber, LIST_PAGE_SIZE);
  return page && { page };
}

/**
 * `/news/<slug>`: a published article; with `preview` (the request carries an editor's signed
 * preview cookie for this slug) also a draft or scheduled one.
 */
export function resolveArticle(
  index: ContentIndex,
  slug: string,
  now: number,
  { preview = false }: { preview?: boolean } = {},
): { article: Article; section: Section } | undefined {
  if (!SLUG_PATTERN.test(slug)) return undefined;
  const article = preview ? index.bySlug.get(slug) : findPublished(index, slug, now);
  const section = article && index.sectionBySlug.get(article.section);
  return article && section && { article, section };
}

/** `/news/<slug>/opengraph-image`: a published article's link-preview card (never a preview's). */
export function resolveArticleImage(index: ContentIndex, slug: string, now: number): { article: Article; section: Section } | undefined {
  return resolveArticle(index, slug, now);
}
