import { pageOf, parsePageParam, type Page } from "@/lib/content/queries";
import type { Article, Section } from "@/lib/content/types";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { ArticleStore } from "@/lib/store/types";
import type { RouteQuery } from "./types";

/** `/section/<slug>?page=N`: a section of sections.json (even an empty one has page 1), page by page. */
export async function resolveSection(
  store: ArticleStore,
  slug: string,
  query: RouteQuery,
  now: number,
): Promise<{ section: Section; page: Page<Article> } | undefined> {
  const section = (await store.catalog()).sectionBySlug.get(slug);
  const pageNumber = parsePageParam(query.page);
  if (!section || pageNumber === undefined) return undefined;
  const page = await pageOf(store, { section: section.slug }, now, pageNumber, LIST_PAGE_SIZE);
  return page && { section, page };
}

/** `/section/<slug>/rss.xml`: every section has a feed. */
export async function resolveSectionRss(store: ArticleStore, slug: string): Promise<{ section: Section } | undefined> {
  const section = (await store.catalog()).sectionBySlug.get(slug);
  return section && { section };
}
