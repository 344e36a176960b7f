import type { Article, ContentProblem, Section, SiteConfig, SourceInfo } from "@/lib/content/types";
import type { ParsedQuery } from "@/lib/search/text";

/*
 * The one interface between the content index and everything that reads it (resolvers, pages,
 * feeds, sitemaps, search). Every method is async: the embedded store (SQLite) answers at once,
 * the networked one (PostgreSQL, the next issue) does not, and callers must not care which.
 *
 * "Published" always means: valid, not a draft, the winner of its slug, and `dateMs <= now`.
 * Lists are newest first, ties broken by slug (ascending), the same on every store.
 */

/** The small, rarely changing part of the content: kept whole in memory by every store. */
export interface Catalog {
  site: SiteConfig;
  /** In the order of sections.json. */
  sections: Section[];
  sectionBySlug: ReadonlyMap<string, Section>;
  /** The partners of sources.json, in its order (public fields only; none when it is missing). */
  sources: SourceInfo[];
  sourceById: ReadonlyMap<string, SourceInfo>;
}

/** Which published articles a list holds; the fields combine (all must match). */
export interface ListFilter {
  section?: string;
  /** A partner's id (`source.id`). */
  source?: string;
  /** A tag's key (`tagKey(spelling)`): every spelling of the tag. */
  tag?: string;
  /** Only articles flagged `top`. */
  top?: boolean;
  /** Only articles of this month of the site's zone, `YYYY-MM` (sitemaps). */
  month?: string;
  /** Only articles published at or after this instant (epoch ms). */
  sinceMs?: number;
}

export interface PageRange {
  offset: number;
  limit: number;
}

/** A tag with a page: at least one published article has it. */
export interface TagInfo {
  /** `tagKey` of every spelling. */
  key: string;
  /** The spelling most published articles use (ties: the first in code-point order): the URL's. */
  name: string;
  /** Published articles with the tag. */
  count: number;
}

/** One month of published articles (site's zone), for the sitemap index. */
export interface MonthInfo {
  /** `YYYY-MM`. */
  month: string;
  count: number;
  /** `updated ?? date` of the article changed last in that month, as written in its file. */
  lastModified: string;
}

/** The order of search results: best first (`relevance`), or newest first (`date`, `?sort=date`). */
export type SearchSort = "relevance" | "date";

export interface SearchHit {
  slug: string;
  score: number;
}

export interface SearchOutcome {
  /** The asked-for range of published matches, best first. */
  hits: SearchHit[];
  /** How many published articles match in all, up to the number a search ranks (see `capped`). */
  total: number;
  /** True when more articles match than a search ranks: `total` is then that number, shown as "more than". */
  capped?: boolean;
  /** Every term of the query, for highlighting the words that matched. */
  terms: ReadonlySet<string>;
  /** False while the index is still being built and only part of the archive was searched. */
  complete: boolean;
}

export interface ArticleStore {
  /**
   * Changes whenever anything the store answers changes (an article, the catalog, media). Caches
   * of derived lists are kept per version.
   */
  version(): Promise<number>;
  catalog(): Promise<Catalog>;
  /** A valid article that holds its slug, published or not (drafts and scheduled: the editor's preview). */
  article(slug: string): Promise<Article | undefined>;
  /** The article an old slug (front matter `aliases`) now belongs to, published or not. */
  alias(slug: string): Promise<Article | undefined>;
  /** A range of the published articles the filter selects. */
  list(filter: ListFilter, now: number, range: PageRange): Promise<Article[]>;
  count(filter: ListFilter, now: number): Promise<number>;
  /** The published neighbours of an article in its section: `previous` is older, `next` is newer. */
  neighbours(article: Article, now: number): Promise<{ previous?: Article; next?: Article }>;
  /**
   * «По теме»: up to `limit` published articles related to this one, best first: those sharing
   * its tags, then those whose title or tags share words of its headline (lib/store/related.ts).
   * Read from the tag and search indexes, a few short ranges, never the archive; kept per version.
   */
  related(article: Article, now: number, limit: number): Promise<Article[]>;
  /** The published article the filter selects that changed last (`updated ?? date`), if any. */
  lastChanged(filter: ListFilter, now: number): Promise<Article | undefined>;
  /** The tag a spelling belongs to, when a published article has it. */
  tag(spelling: string, now: number): Promise<TagInfo | undefined>;
  /** Partners with published articles, by id, named as their newest article names them. */
  partnersWithArticles(now: number): Promise<SourceInfo[]>;
  /** Months with published articles, newest first. */
  months(now: number): Promise<MonthInfo[]>;
  /** Size of an image under media/ (`media/a.jpg`), when the content folder has it. */
  media(path: string): Promise<{ width: number; height: number } | undefined>;
  /** Every problem with the content, as `<file>: <field>: <what>` lines are made of. */
  problems(): Promise<ContentProblem[]>;
  /** Valid articles (drafts and scheduled included). */
  size(): Promise<number>;
  /**
   * Published articles matching every word of the query (in any of its forms), best first; with
   * `sort` "date", the same matches newest first (ties by slug). When more match than a search
   * ranks (`capped`), both orders list the same newest matches.
   */
  search(query: ParsedQuery, now: number, range: PageRange, sort?: SearchSort): Promise<SearchOutcome>;
}
