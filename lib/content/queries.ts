import type { Article, ContentIndex, Section } from "./types";

/** Published: valid (it is in the index), not a draft, and its time has come. */
export function isPublished(article: Article, now: number): boolean {
  return !article.draft && article.dateMs <= now;
}

export function publishedArticles(index: ContentIndex, now: number): Article[] {
  return index.articles.filter((a) => isPublished(a, now));
}

export function findPublished(index: ContentIndex, slug: string, now: number): Article | undefined {
  const article = index.bySlug.get(slug);
  return article && isPublished(article, now) ? article : undefined;
}

export function latest(index: ContentIndex, now: number, limit: number): Article[] {
  const out: Article[] = [];
  for (const a of index.articles) {
    if (out.length >= limit) break;
    if (isPublished(a, now)) out.push(a);
  }
  return out;
}

export function topNews(index: ContentIndex, now: number, limit = 5): Article[] {
  const out: Article[] = [];
  for (const a of index.articles) {
    if (out.length >= limit) break;
    if (a.top && isPublished(a, now)) out.push(a);
  }
  return out;
}

export function sectionArticles(index: ContentIndex, section: string, now: number): Article[] {
  return index.articles.filter((a) => a.section === section && isPublished(a, now));
}

/** "Other news of the section": the newest published ones, the article itself left out. */
export function moreNews(index: ContentIndex, article: Article, now: number, limit = 5): Article[] {
  const out: Article[] = [];
  for (const a of index.articles) {
    if (out.length >= limit) break;
    if (a.section === article.section && a.slug !== article.slug && isPublished(a, now)) out.push(a);
  }
  return out;
}

/** The neighbours of an article in its section: `previous` is older, `next` is newer. */
export function previousAndNext(
  index: ContentIndex,
  article: Article,
  now: number,
): { previous?: Article; next?: Article } {
  const list = sectionArticles(index, article.section, now);
  const i = list.findIndex((a) => a.slug === article.slug);
  if (i < 0) return {};
  const next = list[i - 1];
  const previous = list[i + 1];
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

/** Slices a list into pages; undefined for a page past the end (page 1 of an empty list exists). */
export function paginate<T>(list: T[], page: number, perPage: number): Page<T> | undefined {
  const pageCount = Math.max(1, Math.ceil(list.length / perPage));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return undefined;
  return { items: list.slice((page - 1) * perPage, page * perPage), page, pageCount, total: list.length };
}

/** Parses `?page=`: absent means 1; anything but a plain positive integer is rejected. */
export function parsePageParam(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return 1;
  if (Array.isArray(value) || !/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}

export interface SectionBlock {
  section: Section;
  articles: Article[];
}

/** The home page's per-section blocks, in the order of sections.json; empty sections are skipped. */
export function sectionBlocks(index: ContentIndex, now: number, perSection: number): SectionBlock[] {
  const blocks = new Map<string, Article[]>(index.sections.map((s) => [s.slug, []]));
  for (const a of index.articles) {
    const list = blocks.get(a.section);
    if (list && list.length < perSection && isPublished(a, now)) list.push(a);
  }
  return index.sections
    .map((section) => ({ section, articles: blocks.get(section.slug) ?? [] }))
    .filter((b) => b.articles.length > 0);
}
