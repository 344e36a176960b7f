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
  /** The latest publication or update among them, in epoch ms (0 when there is none). */
  newestChange: number;
  /** The first TOP_KEPT articles flagged top, newest first. */
  top: Article[];
  /** Each article's place in its section's list, made on first use. */
  positions?: Map<string, number>;
}

/** Top news kept per view: more than any page shows. */
const TOP_KEPT = 20;

// Every request asks for the published lists, often several times (proxy, page, sidebar); they
// only change when the index does or a scheduled article's time comes, so they are kept per index.
const views = new WeakMap<ContentIndex, PublishedView>();

function publishedView(index: ContentIndex, now: number): PublishedView {
  const cached = views.get(index);
  if (cached && now >= cached.from && now < cached.until) return cached;
  let until = Infinity;
  let newestChange = 0;
  const all: Article[] = [];
  const top: Article[] = [];
  const bySection = new Map<string, Article[]>();
  const bySource = new Map<string, Article[]>();
  for (const a of index.articles) {
    if (a.draft) continue;
    if (a.dateMs > now) {
      until = Math.min(until, a.dateMs);
      continue;
    }
    all.push(a);
    if (a.top && top.length < TOP_KEPT) top.push(a);
    newestChange = Math.max(newestChange, a.dateMs, a.updated ? Date.parse(a.updated) : 0);
    push(bySection, a.section, a);
    if (a.source?.id !== undefined) push(bySource, a.source.id, a);
  }
  const view: PublishedView = { from: all[0]?.dateMs ?? -Infinity, until, all, bySection, bySource, newestChange, top };
  views.set(index, view);
  return view;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The latest publication or update among published articles (0 when there is none). */
export function newestPublishedChange(index: ContentIndex, now: number): number {
  return publishedView(index, now).newestChange;
}

/** Published articles, newest first. The array is shared: do not modify it. */
export function publishedArticles(index: ContentIndex, now: number): readonly Article[] {
  return publishedView(index, now).all;
}

export function findPublished(index: ContentIndex, slug: string, now: number): Article | undefined {
  const article = index.bySlug.get(slug);
  return article && isPublished(article, now) ? article : undefined;
}

export function latest(index: ContentIndex, now: number, limit: number): Article[] {
  return publishedArticles(index, now).slice(0, limit);
}

// The lists below come from the published view, so a request costs the same on an archive of a
// thousand articles as on one of a hundred thousand.

export function topNews(index: ContentIndex, now: number, limit = 5): Article[] {
  return publishedView(index, now).top.slice(0, limit);
}

/** A section's published articles, newest first. The array is shared: do not modify it. */
export function sectionArticles(index: ContentIndex, section: string, now: number): readonly Article[] {
  return publishedView(index, now).bySection.get(section) ?? [];
}

/** A partner's published articles (by `source.id`), newest first. The array is shared: do not modify it. */
export function sourceArticles(index: ContentIndex, id: string, now: number): readonly Article[] {
  return publishedView(index, now).bySource.get(id) ?? [];
}

/**
 * The partner a `/source/<id>` page is about: the one sources.json names, or, for a partner
 * removed from it whose articles are still published, one named as its newest article names it.
 * Undefined when neither: that page does not exist.
 */
export function findSource(index: ContentIndex, id: string, now: number): SourceInfo | undefined {
  const listed = index.sourceById.get(id);
  if (listed) return listed;
  const newest = sourceArticles(index, id, now)[0];
  return newest?.source ? { id, name: newest.source.name } : undefined;
}

/** Every partner that has a page: sources.json's in its order, then removed ones with articles, by id. */
export function sourcesWithPages(index: ContentIndex, now: number): SourceInfo[] {
  const removed = [...publishedView(index, now).bySource.keys()].filter((id) => !index.sourceById.has(id)).sort();
  return [...index.sources, ...removed.map((id) => findSource(index, id, now)!)];
}

/** "Other news of the section": the newest published ones, the article itself left out. */
export function moreNews(index: ContentIndex, article: Article, now: number, limit = 5): Article[] {
  const out: Article[] = [];
  for (const a of sectionArticles(index, article.section, now)) {
    if (out.length >= limit) break;
    if (a.slug !== article.slug) out.push(a);
  }
  return out;
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

/** Slices a list into pages; undefined for a page past the end (page 1 of an empty list exists). */
export function paginate<T>(list: readonly T[], page: number, perPage: number): Page<T> | undefined {
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
  // The published view already holds each section's list, so the home page no longer walks the
  // whole archive on every request.
  const { bySection } = publishedView(index, now);
  return index.sections
    .map((section) => ({ section, articles: bySection.get(section.slug)?.slice(0, perSection) ?? [] }))
    .filter((b) => b.articles.length > 0);
}
