import { paginate, parsePageParam, sectionArticles, type Page } from "@/lib/content/queries";
import type { Article, ContentIndex, Section } from "@/lib/content/types";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import type { RouteQuery } from "./types";

/** `/section/<slug>?page=N`: a section of sections.json (even an empty one has page 1), page by page. */
export function resolveSection(index: ContentIndex, slug: string, query: RouteQuery, now: number): { section: Section; page: Page<Article> } | undefined {
  const section = index.sectionBySlug.get(slug);
  const pageNumber = parsePageParam(query.page);
  if (!section || pageNumber === undefined) return undefined;
  const page = paginate(sectionArticles(index, section.slug, now), pageNumber, LIST_PAGE_SIZE);
  return page && { section, page };
}

/** `/section/<slug>/rss.xml`: every section has a feed. */
export function resolveSectionRss(index: ContentIndex, slug: string): { section: Section } | undefined {
  const section = index.sectionBySlug.get(slug);
  return section && { section };
}
