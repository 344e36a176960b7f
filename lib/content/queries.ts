import type { ArticleStore, ListFilter } from "@/lib/store/types";
import type { Article, ContentIndex, Section, SourceInfo } from "./types";

/** Published: valid (it is in the index), not a draft, and its time has come. */
export function isPublished(article: Article, now: number): boolean {
  return !article.draft && article.dateMs <= now;
}

interface PublishedView {
  /** The set is the same for any instant from the newest published date… */
  from: number;
  /** …until the next scheduled article's time (exclusive). */
  until: number;
  all: Article[];
  bySection: Map<string, Article[]>;
  /** Articles by their partner's id (`source.id`), newest first: the partner pages' lists. */
  bySource: Map<string, Article[]>;
  /** Each article's place in its section's list, made on first use. */
  positions?: Map<string, number>;
}

// Every request asks for the published lists, often several times (proxy, page, sidebar); they
// only change when the index does or a scheduled article's time comes, so they are kept per index.
const views = new WeakMap<ContentIndex, PublishedView>();

function publishedView(index: ContentIndex, now: number): PublishedView {
  const cached = views.get(index);
  if (cached && now >= cached.from && now < cached.until) return cached;
  let until = Infinity;
  const all: Article[] = [];
  const bySection = new Map<string, Article[]>();
  const bySource = new Map<string, Article[]>();
  for (const a of index.articles) {
    if (a.draft) continue;
    if (a.dateMs > now) {
      until = Math.min(until, a.dateMs);
      continue;
    }
    all.push(a);
    push(bySection, a.section, a);
    if (a.source?.id !== undefined) push(bySource, a.source.id, a);
  }
  const view: PublishedView = { from: all[0]?.dateMs ?? -Infinity, until, all, bySection, bySource };
  views.set(index, view);
  return view;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Published articles, newest first. The array is shared: do not modify it. */
export function publishedArticles(index: ContentIndex, now: number): readonly Article[] {
  return publishedView(index, now).all;
}

/** A section's published articles, newest first. The array is shared: do not modify it. */
export function sectionArticles(index: ContentIndex, section: string, now: number): readonly Article[] {
  return publishedView(index, now).bySection.get(section) ?? [];
}

/** A partner's published articles (by `source.id`), newest first. The array is shared: do not modify it. */
export function sourceArticles(index: ContentIndex, id: string, now: number): readonly Article[] {
  return publishedView(index, now).bySource.get(id) ?? [];
}

/** The neighbours of an article in its section: `previous` is older, `next` is newer. */
export function previousAndNext(
  index: ContentIndex,
  article: Article,
  now: number,
): { previous?: Article; next?: Article } {
  const view = publishedView(index, now);
  if (!view.positions) {
    view.positions = new Map();
    for (const list of view.bySection.values()) list.forEach((a, i) => view.positions!.set(a.slug, i));
  }
  const list = view.bySection.get(article.section) ?? [];
  const i = view.positions.get(article.slug);
  if (i === undefined || list[i]?.slug !== article.slug) return {};
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
