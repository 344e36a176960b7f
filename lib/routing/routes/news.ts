import { findPublished, pageOf, parsePageParam, type Page } from "@/lib/content/queries";
import type { Article, Section } from "@/lib/content/types";
import { SLUG_PATTERN } from "@/lib/content/validate";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { ArticleStore } from "@/lib/store/types";
import type { RouteQuery } from "./types";

/** `/news?page=N`: the news feed's page N, while the feed has one. */
export async function resolveNewsList(store: ArticleStore, query: RouteQuery, now: number): Promise<{ page: Page<Article> } | undefined> {
  const pageNumber = parsePageParam(query.page);
  const page = pageNumber === undefined ? undefined : await pageOf(store, {}, now, pageNumber, LIST_PAGE_SIZE);
  return page && { page };
}

/**
 * `/news/<slug>`: a published article; with `preview` (the request carries an editor's signed
 * preview cookie for this slug) also a draft or scheduled one.
 */
export async function resolveArticle(
  store: ArticleStore,
  slug: string,
  now: number,
  { preview = false }: { preview?: boolean } = {},
): Promise<{ article: Article; section: Section } | undefined> {
  if (!SLUG_PATTERN.test(slug)) return undefined;
  const article = preview ? await store.article(slug) : await findPublished(store, slug, now);
  const section = article && (await store.catalog()).sectionBySlug.get(article.section);
  return article && section && { article, section };
}

/** `/news/<slug>/opengraph-image`: a published article's link-preview card (never a preview's). */
export function resolveArticleImage(store: ArticleStore, slug: string, now: number): Promise<{ article: Article; section: Section } | undefined> {
  return resolveArticle(store, slug, now);
}
