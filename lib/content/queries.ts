import type { ArticleStore, ListFilter } from "@/lib/store/types";
import type { Article, Section, SourceInfo } from "./types";
import { URGENT_SCAN, urgentNotice, type UrgentNotice } from "./urgent";
import { DEFAULT_URGENT_HOURS } from "./validate";

/** Published: valid (it is in the index), not a draft, and its time has come. */
export function isPublished(article: Article, now: number): boolean {
  return !article.draft && article.dateMs <= now;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

/**
 * Page `page` of the published articles a filter selects, `perPage` to a page; undefined for a
 * page past the end (page 1 of an empty list exists). Counted, then only that page is read.
 */
export async function pageOf(store: ArticleStore, filter: ListFilter, now: number, page: number, perPage: number): Promise<Page<Article> | undefined> {
  if (!Number.isInteger(page) || page < 1) return undefined;
  const total = await store.count(filter, now);
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  if (page > pageCount) return undefined;
  const items = total === 0 ? [] : await store.list(filter, now, { offset: (page - 1) * perPage, limit: perPage });
  return { items, page, pageCount, total };
}

/** Parses `?page=`: absent means 1; anything but a plain positive integer is rejected. */
export function parsePageParam(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return 1;
  if (Array.isArray(value) || !/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}

/** A published article by slug: undefined for drafts, scheduled articles and unknown slugs. */
export async function findPublished(store: ArticleStore, slug: string, now: number): Promise<Article | undefined> {
  const article = await store.article(slug);
  return article && isPublished(article, now) ? article : undefined;
}

/**
 * The partner a `/source/<id>` page is about: the one sources.json names, or, for a partner
 * removed from it whose articles are still published, one named as its newest article names it.
 * Undefined when neither: that page does not exist.
 */
export async function findSource(store: ArticleStore, id: string, now: number): Promise<SourceInfo | undefined> {
  const listed = (await store.catalog()).sourceById.get(id);
  if (listed) return listed;
  const [newest] = await store.list({ source: id }, now, { offset: 0, limit: 1 });
  return newest?.source ? { id, name: newest.source.name } : undefined;
}

/** Every partner that has a page: sources.json's in its order, then removed ones with articles, by id. */
export async function sourcesWithPages(store: ArticleStore, now: number): Promise<SourceInfo[]> {
  const { sources, sourceById } = await store.catalog();
  const removed = (await store.partnersWithArticles(now)).filter((s) => !sourceById.has(s.id));
  return [...sources, ...removed];
}

/** "Other news of the section": the newest published ones, the article itself left out. */
export async function moreNews(store: ArticleStore, article: Article, now: number, limit = 5): Promise<Article[]> {
  const list = await store.list({ section: article.section }, now, { offset: 0, limit: limit + 1 });
  return list.filter((a) => a.slug !== article.slug).slice(0, limit);
}

/**
 * «По теме» under an article: its related stories (store.related) less those another block of the
 * page already shows (`shown`: «Другие новости …», the neighbours), so no story is offered twice.
 */
export async function relatedNews(store: ArticleStore, article: Article, now: number, shown: readonly Article[], limit = 5): Promise<Article[]> {
  const skip = new Set(shown.map((a) => a.slug));
  const list = await store.related(article, now, limit + skip.size);
  return list.filter((a) => !skip.has(a.slug)).slice(0, limit);
}

/** The «Срочно» banner at `now` (the render's instant), if an urgent story is fresh (lib/content/urgent.ts). */
export async function urgentNow(store: ArticleStore, now = Date.now()): Promise<UrgentNotice | undefined> {
  const [{ site }, newest] = await Promise.all([store.catalog(), store.list({}, now, { offset: 0, limit: URGENT_SCAN })]);
  return urgentNotice(newest, now, site.urgentHours ?? DEFAULT_URGENT_HOURS);
}

export interface SectionBlock {
  section: Section;
  articles: Article[];
}

/** The home page's per-section blocks, in the order of sections.json; empty sections are skipped. */
export async function sectionBlocks(store: ArticleStore, now: number, perSection: number): Promise<SectionBlock[]> {
  const { sections } = await store.catalog();
  const blocks = await Promise.all(sections.map(async (section) => ({ section, articles: await store.list({ section: section.slug }, now, { offset: 0, limit: perSection }) })));
  return blocks.filter((b) => b.articles.length > 0);
}
