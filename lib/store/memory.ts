import { isPublished, previousAndNext, publishedArticles, sectionArticles, sourceArticles } from "@/lib/content/queries";
import { publishedTags, tagKey } from "@/lib/content/tags";
import type { Article, ContentIndex, SourceInfo } from "@/lib/content/types";
import { SearchIndex, type SearchOutcome as IndexOutcome } from "@/lib/search/search-index";
import type { ParsedQuery } from "@/lib/search/text";
import { monthOf } from "@/lib/seo/sitemaps";
import type { ArticleStore, Catalog, ListFilter, MonthInfo, PageRange, SearchOutcome, TagInfo } from "./types";

/**
 * A TEMPORARY store over today's in-heap content index (lib/content/live-store.ts), so that every
 * reader goes through the ArticleStore interface before the index itself moves out of the heap
 * (issue 17: SQLite). It answers from the published view of lib/content/queries.ts, which is kept
 * per index and per scheduled instant, so it costs what the readers cost before.
 */

/** The whole search, every published match best first (lib/search/store.ts: the live SearchIndex). */
export type SearchAll = (query: ParsedQuery, now: number) => Promise<IndexOutcome>;

const changedAt = (a: Article) => a.updated ?? a.date;

/** The article changed last (`updated ?? date`); of equal ones, the first in list order (sitemaps' `newest()`). */
function newest(items: readonly Article[]): Article | undefined {
  let best: Article | undefined;
  let bestMs = -Infinity;
  for (const a of items) {
    const ms = Date.parse(changedAt(a));
    if (!best || ms > bestMs) {
      best = a;
      bestMs = ms;
    }
  }
  return best;
}

// Answers derived from a published list, kept as long as the list (a new index or a scheduled
// article's time makes a new one).
const memos = new WeakMap<readonly Article[], Map<string, unknown>>();

function memo<T>(published: readonly Article[], key: string, make: () => T): T {
  let kept = memos.get(published);
  if (!kept) memos.set(published, (kept = new Map()));
  if (!kept.has(key)) kept.set(key, make());
  return kept.get(key) as T;
}

// Every published top story, newest first, per published list (the view keeps only the first few).
const topCache = new WeakMap<readonly Article[], Article[]>();

function topStories(published: readonly Article[]): Article[] {
  let top = topCache.get(published);
  if (!top) topCache.set(published, (top = published.filter((a) => a.top)));
  return top;
}

// Published articles by month (site's zone), newest month first: kept per published list, which
// changes only with the index or when a scheduled article's time comes.
const monthCache = new WeakMap<readonly Article[], Map<string, Article[]>>();

export class MemoryStore implements ArticleStore {
  private readonly source: () => ContentIndex;
  private readonly searchAll: SearchAll;
  private seen?: ContentIndex;
  private counter = 0;

  /**
   * `source` gives the current index (the live one changes object on every change); `search` runs
   * the whole search. Without one, titles, leads and tags of the index are searched (tests).
   */
  constructor(source: ContentIndex | (() => ContentIndex), search?: SearchAll) {
    this.source = typeof source === "function" ? source : () => source;
    if (search) this.searchAll = search;
    else {
      const index = new SearchIndex({ source: this.source, body: async () => "", log: () => {} });
      this.searchAll = (query, now) => index.search(query, now);
    }
  }

  /** The current index; a new one bumps the version. */
  private get index(): ContentIndex {
    const index = this.source();
    if (index !== this.seen) {
      this.seen = index;
      this.counter++;
    }
    return index;
  }

  async version(): Promise<number> {
    void this.index;
    return this.counter;
  }

  async catalog(): Promise<Catalog> {
    const { site, sections, sectionBySlug, sources, sourceById } = this.index;
    return { site, sections, sectionBySlug, sources, sourceById };
  }

  async article(slug: string): Promise<Article | undefined> {
    return this.index.bySlug.get(slug);
  }

  async alias(slug: string): Promise<Article | undefined> {
    return this.index.byAlias.get(slug);
  }

  async list(filter: ListFilter, now: number, range: PageRange): Promise<Article[]> {
    const { offset, limit } = range;
    if (limit <= 0) return [];
    const { list, rest } = this.selection(filter, now);
    if (!rest) return list.slice(offset, offset + limit);
    const out: Article[] = [];
    let skipped = 0;
    for (const a of list) {
      if (!rest(a)) continue;
      if (skipped < offset) skipped++;
      else if (out.push(a) >= limit) break;
    }
    return out;
  }

  async count(filter: ListFilter, now: number): Promise<number> {
    const { list, rest } = this.selection(filter, now);
    if (!rest) return list.length;
    let n = 0;
    for (const a of list) if (rest(a)) n++;
    return n;
  }

  async neighbours(article: Article, now: number): Promise<{ previous?: Article; next?: Article }> {
    return previousAndNext(this.index, article, now);
  }

  async lastChanged(filter: ListFilter, now: number): Promise<Article | undefined> {
    const find = () => {
      const { list, rest } = this.selection(filter, now);
      return newest(rest ? list.filter(rest) : list);
    };
    // Every page's Last-Modified asks for the whole site's: kept with the published list (an
    // instant, `sinceMs`, would make a new entry for every request).
    if (filter.sinceMs !== undefined) return find();
    return memo(publishedArticles(this.index, now), `lastChanged:${JSON.stringify(filter)}`, find);
  }

  async tag(spelling: string, now: number): Promise<TagInfo | undefined> {
    const key = tagKey(spelling);
    const tag = publishedTags(this.index, now).get(key);
    return tag && { key, name: tag.name, count: tag.articles.length };
  }

  async partnersWithArticles(now: number): Promise<SourceInfo[]> {
    const index = this.index;
    const partners = memo(publishedArticles(index, now), "partners", () => {
      const ids = new Set<string>();
      for (const a of publishedArticles(index, now)) if (a.source?.id !== undefined) ids.add(a.source.id);
      return [...ids].sort().map((id) => ({ id, name: sourceArticles(index, id, now)[0]!.source!.name }));
    });
    return partners.map((p) => ({ ...p }));
  }

  async months(now: number): Promise<MonthInfo[]> {
    return [...this.byMonth(now)].map(([month, list]) => ({ month, count: list.length, lastModified: changedAt(newest(list)!) }));
  }

  async media(path: string): Promise<{ width: number; height: number } | undefined> {
    return this.index.media.get(path);
  }

  async problems() {
    return this.index.problems;
  }

  async size(): Promise<number> {
    return this.index.articles.length;
  }

  async search(query: ParsedQuery, now: number, range: PageRange): Promise<SearchOutcome> {
    const outcome = await this.searchAll(query, now);
    // Resolved against the current index: an article removed or unpublished since it was indexed is left out.
    const index = this.index;
    const hits = outcome.hits.filter((h) => {
      const a = index.bySlug.get(h.slug);
      return a !== undefined && isPublished(a, now);
    });
    return { hits: hits.slice(range.offset, range.offset + Math.max(0, range.limit)), total: hits.length, terms: outcome.terms, complete: outcome.complete };
  }

  private byMonth(now: number): Map<string, Article[]> {
    const index = this.index;
    const published = publishedArticles(index, now);
    let months = monthCache.get(published);
    if (!months) {
      months = new Map();
      for (const a of published) {
        const m = monthOf(a, index.site.timeZone);
        const list = months.get(m);
        if (list) list.push(a);
        else months.set(m, [a]);
      }
      monthCache.set(published, months);
    }
    return months;
  }

  /**
   * The narrowest ready-made list a filter starts from (newest first), and the test for what of
   * the filter that list does not already select (undefined when it selects exactly).
   */
  private selection(filter: ListFilter, now: number): { list: readonly Article[]; rest?: (a: Article) => boolean } {
    const index = this.index;
    const all = publishedArticles(index, now);
    const candidates: { list: readonly Article[]; test: (a: Article) => boolean }[] = [];
    const { section, source, tag, month, top, sinceMs } = filter;
    if (section !== undefined) candidates.push({ list: sectionArticles(index, section, now), test: (a) => a.section === section });
    if (source !== undefined) candidates.push({ list: sourceArticles(index, source, now), test: (a) => a.source?.id === source });
    if (tag !== undefined) {
      candidates.push({ list: publishedTags(index, now).get(tag)?.articles ?? [], test: (a) => a.tags.some((t) => tagKey(t) === tag) });
    }
    if (month !== undefined) candidates.push({ list: this.byMonth(now).get(month) ?? [], test: (a) => monthOf(a, index.site.timeZone) === month });
    if (top) candidates.push({ list: topStories(all), test: (a) => a.top });
    if (sinceMs !== undefined) {
      // Newest first: the articles since an instant are a prefix of the published list.
      let end = 0;
      while (end < all.length && all[end]!.dateMs >= sinceMs) end++;
      candidates.push({ list: all.slice(0, end), test: (a) => a.dateMs >= sinceMs });
    }
    if (candidates.length === 0) return { list: all };
    candidates.sort((a, b) => a.list.length - b.list.length);
    const [base, ...others] = candidates as [(typeof candidates)[0], ...typeof candidates];
    return others.length === 0 ? { list: base.list } : { list: base.list, rest: (a) => others.every((o) => o.test(a)) };
  }
}
