import type Database from "better-sqlite3";
import { tagKey } from "@/lib/content/tags";
import type { Article, ContentProblem, SourceInfo } from "@/lib/content/types";
import type { ParsedQuery } from "@/lib/search/text";
import type { ArticleStore, Catalog, ListFilter, MonthInfo, PageRange, SearchOutcome, SearchSort, TagInfo } from "@/lib/store/types";
import { rankRelated, RELATED_PER_KEY, relatedKeys } from "@/lib/store/related";
import { countKey, filterParams, filterSql, orderSql } from "./filters";
import { readMeta } from "./schema";
import {
  cutOf,
  pageHits,
  DF_SAMPLE,
  estimateDf,
  keyOf,
  type Match,
  RANK_ROWS,
  type RankedRow,
  scoreWindow,
  type Scored,
  wholeSeconds,
  wordsToRank,
} from "./rank";
import { SEARCH_ID_BITS, SEARCH_ROWID_FLIP, searchKeyLimit } from "./writer";

/**
 * At most this many matches of a query, the newest, are ranked and listed. FTS5's bm25() reads each
 * match's positions and column sizes, some 2-10 µs a match here: a word in a fifth of a million
 * articles would take over a second to rank whole (and rank.ts bounds what it reads besides). News
 * readers look for recent stories, and an older one is found by adding a word; the count of
 * matches stops at the window too.
 */
export const SEARCH_WINDOW = 5_000;
/** Derived answers kept per index version (lists, counts, tags); the map starts afresh when full. */
const CACHE_ENTRIES = 4_000;
/** The article id's bits of a search key. */
const ID_MASK = 2 ** SEARCH_ID_BITS - 1;
/** The full-text rowid is F less the search key (writer.ts). */
const F = String(SEARCH_ROWID_FLIP);
/** Weights of the title, lead, tags and body columns: a word in the title says most. */
const FIELD_WEIGHTS = "3, 1.5, 2.5, 1";

/** The catalog before anything is indexed (both stores). */
export const EMPTY_CATALOG: Catalog = {
  site: { name: "", description: "", edition: { name: "", genitive: "" }, timeZone: "UTC" },
  sections: [],
  sectionBySlug: new Map(),
  sources: [],
  sourceById: new Map(),
};

/** Which instants see the same published set: from the newest published date to the next scheduled one. */
export interface Window {
  from: number;
  until: number;
}

/**
 * The reading side of the SQLite store. Every process of a machine opens the same database file;
 * the articles stay on disk (and in the OS's page cache, shared by all), and each process keeps
 * only the answers it gave recently, for as long as the index's version and the published set
 * stay the same.
 */
export class SqliteStore implements ArticleStore {
  private readonly s;
  private readonly statements = new Map<string, Database.Statement>();
  private seenVersion = -1;
  private catalogJson = "";
  private catalogValue: Catalog = EMPTY_CATALOG;
  private window?: Window;
  private cache = new Map<string, unknown>();

  constructor(
    private readonly db: Database.Database,
    private readonly searchWindow = SEARCH_WINDOW,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      version: p("SELECT value FROM meta WHERE key = 'version'").pluck(),
      kept: p("SELECT n FROM counts WHERE key = ?").pluck(),
      keptRange: p("SELECT substr(key, 3) AS id, n FROM counts WHERE key > ? AND key < ? AND n > 0 ORDER BY key"),
      scheduledByMonth: p("SELECT month, count(*) AS n FROM articles WHERE state = 0 AND date_ms > ? GROUP BY month"),
      // `+date_ms`: not a condition to look up by, so that the index in change order is used.
      monthChanged: p("SELECT data FROM articles WHERE month = ? AND state = 0 AND +date_ms <= ? ORDER BY changed_ms DESC, date_ms DESC, slug LIMIT 1").pluck(),
      spellings: p("SELECT key, n FROM counts WHERE key > ? AND key < ? AND n > 0"),
      scheduledSpellings: p("SELECT spelling, count(*) AS n FROM tags WHERE tag_key = ? AND state = 0 AND date_ms > ? GROUP BY spelling"),
      newestOf: p("SELECT data FROM articles WHERE source_id = ? AND state = 0 AND date_ms <= ? ORDER BY date_ms DESC, slug LIMIT 1").pluck(),
      article: p("SELECT data FROM articles WHERE slug = ? AND state < 2").pluck(),
      alias: p(
        `SELECT a.data FROM aliases al JOIN articles a ON a.id = al.article_id
         WHERE al.alias = ? AND a.state < 2 AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.slug = al.alias AND b.state < 2)
         ORDER BY a.date_ms DESC, a.slug LIMIT 1`,
      ).pluck(),
      // Each neighbour as two index ranges (the same instant with the next slug, or the next
      // instant), not one condition with OR: SQLite cannot seek on that, and scanned the section's
      // older half for every article page (10 ms at a million articles, twice a page). INDEXED BY:
      // without statistics the planner took the feed's index for the ordering it gives, and read
      // every newer article of every section until one of this section came (90 ms at a million).
      newer: p(
        `SELECT data FROM (
           SELECT * FROM (SELECT data, date_ms, slug FROM articles INDEXED BY articles_section WHERE section = ? AND state = 0 AND date_ms = ? AND date_ms <= ? AND slug < ? ORDER BY slug DESC LIMIT 1)
           UNION ALL
           SELECT * FROM (SELECT data, date_ms, slug FROM articles INDEXED BY articles_section WHERE section = ? AND state = 0 AND date_ms > ? AND date_ms <= ? ORDER BY date_ms ASC, slug DESC LIMIT 1)
         ) ORDER BY date_ms ASC, slug DESC LIMIT 1`,
      ).pluck(),
      older: p(
        `SELECT data FROM (
           SELECT * FROM (SELECT data, date_ms, slug FROM articles INDEXED BY articles_section WHERE section = ? AND state = 0 AND date_ms = ? AND date_ms <= ? AND slug > ? ORDER BY slug ASC LIMIT 1)
           UNION ALL
           SELECT * FROM (SELECT data, date_ms, slug FROM articles INDEXED BY articles_section WHERE section = ? AND state = 0 AND date_ms < ? AND date_ms <= ? ORDER BY date_ms DESC, slug ASC LIMIT 1)
         ) ORDER BY date_ms DESC, slug ASC LIMIT 1`,
      ).pluck(),
      from: p("SELECT max(date_ms) FROM articles WHERE state = 0 AND date_ms <= ?").pluck(),
      until: p("SELECT min(date_ms) FROM articles WHERE state = 0 AND date_ms > ?").pluck(),
      media: p("SELECT width, height FROM media WHERE path = ?"),
      size: p("SELECT count(*) FROM articles WHERE state < 2").pluck(),
      fileProblems: p("SELECT problems FROM files WHERE problems IS NOT NULL ORDER BY path").pluck(),
      losers: p(
        `SELECT a.file, a.slug, (SELECT b.file FROM articles b WHERE b.slug = a.slug AND b.state < 2) AS owner
         FROM articles a WHERE a.state = 2 ORDER BY a.file`,
      ),
      aliasClashes: p(
        `SELECT a.file, al.alias, (SELECT b.file FROM articles b WHERE b.slug = al.alias AND b.state < 2) AS slugOwner,
           (SELECT c.file FROM aliases cl JOIN articles c ON c.id = cl.article_id WHERE cl.alias = al.alias AND c.state < 2 AND c.id <> a.id
              AND (c.date_ms > a.date_ms OR (c.date_ms = a.date_ms AND c.slug < a.slug)) ORDER BY c.date_ms DESC, c.slug LIMIT 1) AS aliasOwner
         FROM aliases al JOIN articles a ON a.id = al.article_id WHERE a.state < 2 ORDER BY a.date_ms DESC, a.slug`,
      ),
      // A search in three steps (rank.ts says why): the newest matches' keys without bm25() (a
      // key is the publication second and id, so the window is a range of rowids), then bm25()
      // over that range for the rarer words only, then the page's rows joined to their articles.
      // Keys go in and come out as search keys; the rowid is the key flipped (F, writer.ts's
      // SEARCH_ROWID_FLIP), so that newest first is ascending rowids, FTS5's fast direction.
      searchKeys: p(
        `SELECT (${F} - rowid) >> ${SEARCH_ID_BITS} AS sec, (${F} - rowid) & ${ID_MASK} AS id FROM search WHERE search MATCH ? AND rowid >= ${F} - ? ORDER BY rowid LIMIT ?`,
      ),
      // The range from its newest key to its oldest.
      searchRank: p(
        `SELECT (${F} - rowid) & ${ID_MASK} AS id, (${F} - rowid) >> ${SEARCH_ID_BITS} AS sec, bm25(search, ${FIELD_WEIGHTS}) AS b FROM search WHERE search MATCH ? AND rowid BETWEEN ${F} - ? AND ${F} - ? ORDER BY rowid LIMIT ?`,
      ),
      // The key of the DF_SAMPLE-th newest article: a word's count above it estimates its count in all.
      sampleFloor: p("SELECT search_key FROM articles WHERE search_key <= ? ORDER BY search_key DESC LIMIT 1 OFFSET ?").pluck().safeIntegers(true),
      // From the newest key to the floor.
      sampleCount: p(`SELECT count(*) FROM search WHERE search MATCH ? AND rowid BETWEEN ${F} - ? AND ${F} - ?`).pluck(),
      searchHit: p("SELECT slug, date_ms AS d FROM articles WHERE search_key = ? AND state = 0 AND date_ms <= ?"),
      // «По теме»: the newest published articles of a tag (the tag pages' index range), and the
      // newest whose title or tags hold a word (the full-text index in key order, no ranking).
      relatedByTag: p("SELECT slug, date_ms AS dateMs FROM tags WHERE tag_key = ? AND state = 0 AND date_ms <= ? ORDER BY date_ms DESC, slug LIMIT ?"),
      relatedByWord: p(
        `SELECT a.slug AS slug, a.date_ms AS dateMs
         FROM (SELECT ${F} - rowid AS k FROM search WHERE search MATCH ? AND rowid >= ${F} - ? ORDER BY rowid LIMIT ?) t CROSS JOIN articles a ON a.search_key = t.k
         WHERE a.state = 0 AND a.date_ms <= ?`,
      ),
    };
  }

  async version(): Promise<number> {
    return this.sync();
  }

  async catalog(): Promise<Catalog> {
    this.sync();
    return this.catalogValue;
  }

  async article(slug: string): Promise<Article | undefined> {
    return parse(this.s.article.get(slug));
  }

  async alias(slug: string): Promise<Article | undefined> {
    return parse(this.s.alias.get(slug));
  }

  async list(filter: ListFilter, now: number, range: PageRange): Promise<Article[]> {
    if (range.limit <= 0) return [];
    return this.cached(`l|${key(filter)}|${range.offset}|${range.limit}`, now, () => {
      const { from, where } = filterSql(filter);
      const rows = this.statement(`l${filterSql(filter).shape}`, `SELECT a.data FROM ${from} WHERE ${where} ORDER BY ${orderSql(filter)} LIMIT ? OFFSET ?`)
        .pluck()
        .all(...filterParams(filter, now), range.limit, range.offset) as string[];
      return rows.map((r) => JSON.parse(r) as Article);
    });
  }

  async count(filter: ListFilter, now: number): Promise<number> {
    return this.cached(`c|${key(filter)}`, now, () => {
      const kept = countKey(filter);
      // A kept count less the list's scheduled articles (an index range over a few rows), or,
      // for combined filters, a count of the rows.
      const { from, where, shape } = filterSql(filter, { future: kept !== undefined });
      const n = this.statement(`c${shape}`, `SELECT count(*) FROM ${from} WHERE ${where}`)
        .pluck()
        .get(...filterParams(filter, now)) as number;
      return kept === undefined ? n : Number(this.s.kept.get(kept) ?? 0) - n;
    });
  }

  async neighbours(article: Article, now: number): Promise<{ previous?: Article; next?: Article }> {
    // An article that is not published (a draft or a scheduled one, in the editor's preview) is in no list.
    if (article.draft || article.dateMs > now) return {};
    return this.cached(`n|${article.slug}`, now, () => {
      const args = [article.section, article.dateMs, now, article.slug, article.section, article.dateMs, now] as const;
      const next = parse(this.s.newer.get(...args));
      const previous = parse(this.s.older.get(...args));
      return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
    });
  }

  async related(article: Article, now: number, limit: number): Promise<Article[]> {
    if (limit <= 0) return [];
    return this.cached(`r|${article.slug}|${limit}`, now, () => {
      const { tags, words } = relatedKeys(article);
      const byTag = tags.map((k) => this.s.relatedByTag.all(k, now, RELATED_PER_KEY) as { slug: string; dateMs: number }[]);
      const keyLimit = searchKeyLimit(now);
      const byWord = words.map(
        (alternatives) =>
          this.s.relatedByWord.all(
            `{title tags} : (${alternatives.map((t) => `"${t.replace(/"/g, '""')}"`).join(" OR ")})`,
            keyLimit,
            RELATED_PER_KEY,
            now,
          ) as {
            slug: string;
            dateMs: number;
          }[],
      );
      return rankRelated(article.slug, byTag, byWord, limit)
        .map((slug) => parse(this.s.article.get(slug)))
        .filter((a): a is Article => !!a);
    });
  }

  async lastChanged(filter: ListFilter, now: number): Promise<Article | undefined> {
    return this.cached(`m|${key(filter)}`, now, () => {
      const { from, where, shape } = filterSql(filter);
      // `+a.date_ms`: not a condition to look up by, so that the index in change order is used.
      const data = this.statement(
        `m${shape}`,
        `SELECT a.data FROM ${from} WHERE ${where.replace("a.date_ms <=", "+a.date_ms <=")} ORDER BY a.changed_ms DESC, a.date_ms DESC, a.slug LIMIT 1`,
      )
        .pluck()
        .get(...filterParams(filter, now));
      return parse(data);
    });
  }

  async tag(spelling: string, now: number): Promise<TagInfo | undefined> {
    const k = tagKey(spelling);
    if (!k) return undefined;
    return this.cached(`t|${k}`, now, () => {
      // Kept counts per spelling, less the scheduled articles' (few).
      const prefix = `n:${k}\u0001`;
      const scheduled = this.s.scheduledSpellings.all(k, now) as { spelling: string; n: number }[];
      return tagFromCounts(k, this.s.spellings.all(prefix, `n:${k}\u0002`) as { key: string; n: number }[], scheduled);
    });
  }

  async partnersWithArticles(now: number): Promise<SourceInfo[]> {
    return this.cached("p", now, () => {
      const out: SourceInfo[] = [];
      // Partners with a counted article, named as their newest published one names them (none: all scheduled).
      for (const { id } of this.s.keptRange.all("p:", "p;") as { id: string }[]) {
        const newest = parse(this.s.newestOf.get(id, now));
        if (newest) out.push({ id, name: newest.source?.name ?? id });
      }
      return out;
    });
  }

  async months(now: number): Promise<MonthInfo[]> {
    return this.cached("months", now, () => {
      const scheduled = new Map((this.s.scheduledByMonth.all(now) as { month: string; n: number }[]).map((r) => [r.month, r.n]));
      const out: MonthInfo[] = [];
      for (const { id: month, n } of (this.s.keptRange.all("m:", "m;") as { id: string; n: number }[]).reverse()) {
        const count = Number(n) - (scheduled.get(month) ?? 0);
        const last = count > 0 ? parse(this.s.monthChanged.get(month, now)) : undefined;
        if (last) out.push({ month, count, lastModified: last.updated ?? last.date });
      }
      return out;
    });
  }

  async media(path: string): Promise<{ width: number; height: number } | undefined> {
    const row = this.s.media.get(path) as { width: number; height: number } | undefined;
    return row && { width: row.width, height: row.height };
  }

  async problems(): Promise<ContentProblem[]> {
    const out: ContentProblem[] = [];
    for (const name of ["catalog_problems", "media_problems", "listing_problems"])
      out.push(...(JSON.parse(readMeta(this.db, name) ?? "[]") as ContentProblem[]));
    for (const json of this.s.fileProblems.all() as string[]) out.push(...(JSON.parse(json) as ContentProblem[]));
    for (const r of this.s.losers.all() as { file: string; slug: string; owner: string | null }[])
      out.push({ file: r.file, field: "slug", message: `"${r.slug}" is already used by ${r.owner ?? "another file"}` });
    for (const r of this.s.aliasClashes.all() as { file: string; alias: string; slugOwner: string | null; aliasOwner: string | null }[]) {
      const owner = r.slugOwner ?? r.aliasOwner;
      if (owner) out.push({ file: r.file, field: "aliases", message: `"${r.alias}" is already used by ${owner}` });
    }
    return out;
  }

  async size(): Promise<number> {
    return this.s.size.get() as number;
  }

  async search(query: ParsedQuery, now: number, range: PageRange, sort: SearchSort = "relevance"): Promise<SearchOutcome> {
    const terms = new Set(query.words.flat());
    const complete = readMeta(this.db, "building") !== "1";
    if (query.words.length === 0) return { hits: [], total: 0, terms, complete };
    const phrases = query.words.map((alternatives) => `(${alternatives.map((t) => `"${t.replace(/"/g, '""')}"`).join(" OR ")})`);
    const limit = searchKeyLimit(now);
    const window = this.searchWindow;
    // The newest matches, one more than the window to tell "more than" (the page says so): only
    // what is ranked is counted and listed.
    const matches = this.s.searchKeys.all(phrases.join(" AND "), limit, window + 1) as Match[];
    const capped = matches.length > window;
    if (capped) matches.length = window;
    if (matches.length === 0) return { hits: [], total: 0, terms, complete };
    // Newest first: the window as read (key order: second, then id; pageOf orders a second's
    // ties by date and slug). By relevance: scored (rank.ts).
    const scored = sort === "date" ? matches.map((m) => ({ ...m, score: 0 })) : scoreWindow(matches, this.relevance(phrases, matches, now, limit), now);
    return { hits: this.pageOf(scored, range, now), total: matches.length, terms, complete, ...(capped ? { capped } : {}) };
  }

  /** bm25()'s relevance of the window's keys, by the words rare enough to rank (rank.ts). */
  private relevance(phrases: string[], matches: Match[], now: number, limit: bigint): Map<number, number> | undefined {
    const ranked = wordsToRank(phrases.map((phrase) => ({ phrase, df: this.cached(`df|${phrase}`, now, () => this.estimateDf(phrase, limit)) })));
    if (ranked.length === 0) return undefined;
    const rows = wholeSeconds(this.s.searchRank.all(ranked.join(" AND "), keyOf(matches[0]!), keyOf(matches.at(-1)!), RANK_ROWS) as RankedRow[], RANK_ROWS);
    // bm25() is negative, the better the lower.
    return new Map(rows.map(({ id, b }) => [id, -b]));
  }

  /** How many published articles hold a word (an FTS5 phrase), from the newest DF_SAMPLE. */
  private estimateDf(phrase: string, limit: bigint): number {
    const floor = this.s.sampleFloor.get(limit, DF_SAMPLE) as bigint | undefined;
    const inSample = this.s.sampleCount.get(phrase, limit, floor ?? 0n) as number;
    return floor === undefined ? inSample : estimateDf(inSample, DF_SAMPLE, this.s.kept.get("a") as number);
  }

  /** The page's hits: the scored keys through the page's end (and its ties) joined to their articles. */
  private pageOf(scored: Scored[], range: PageRange, now: number): { slug: string; score: number }[] {
    const rows: { slug: string; d: number; score: number }[] = [];
    for (const match of scored.slice(0, cutOf(scored, range.offset + range.limit))) {
      // An article removed since its key was read has no row: it is left out.
      const row = this.s.searchHit.get(keyOf(match), now) as { slug: string; d: number } | undefined;
      if (row) rows.push({ ...row, score: match.score });
    }
    return pageHits(rows, range);
  }

  /** The index's version; a new one drops every derived answer and re-reads the catalog when it changed. */
  private sync(): number {
    const version = Number(this.s.version.get() ?? 0);
    if (version !== this.seenVersion) {
      this.seenVersion = version;
      this.cache.clear();
      this.window = undefined;
      const json = readMeta(this.db, "catalog") ?? "";
      if (json !== this.catalogJson) {
        this.catalogJson = json;
        this.catalogValue = json ? toCatalog(JSON.parse(json) as Pick<Catalog, "site" | "sections" | "sources">) : EMPTY_CATALOG;
      }
    }
    return version;
  }

  /** An answer for `now`, from memory while the index and the published set are what they were. */
  private cached<T>(k: string, now: number, make: () => T): T {
    this.sync();
    let w = this.window;
    if (!w || now < w.from || now >= w.until) {
      const from = this.s.from.get(now) as number | null;
      const until = this.s.until.get(now) as number | null;
      w = this.window = { from: from ?? -Infinity, until: until ?? Infinity };
      this.cache.clear();
    }
    if (this.cache.has(k)) return this.cache.get(k) as T;
    const value = make();
    if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
    this.cache.set(k, value);
    return value;
  }

  private statement(name: string, sql: string): Database.Statement {
    let s = this.statements.get(name);
    if (!s) this.statements.set(name, (s = this.db.prepare(sql)));
    return s;
  }
}

/** A list filter as a cache key (both stores). */
export function key(filter: ListFilter): string {
  return [filter.tag ?? "", filter.section ?? "", filter.source ?? "", filter.top ? 1 : "", filter.month ?? "", filter.sinceMs ?? ""].join("\u0001");
}

/** An article row's `data` (JSON), or undefined for no row (both stores). */
export function parse(data: unknown): Article | undefined {
  return typeof data === "string" ? (JSON.parse(data) as Article) : undefined;
}

export function toCatalog({ site, sections, sources }: Pick<Catalog, "site" | "sections" | "sources">): Catalog {
  return { site, sections, sectionBySlug: new Map(sections.map((s) => [s.slug, s])), sources, sourceById: new Map(sources.map((s) => [s.id, s])) };
}

/**
 * A tag from the kept counts of its spellings (`n:<key>\x01<spelling>` rows) less its scheduled
 * articles': named by the spelling most published articles use, ties by code-point order (both stores).
 */
export function tagFromCounts(
  k: string,
  spellings: readonly { key: string; n: number | string }[],
  scheduledRows: readonly { spelling: string; n: number | string }[],
): TagInfo | undefined {
  const prefix = `n:${k}\u0001`;
  const scheduled = new Map(scheduledRows.map((r) => [r.spelling, Number(r.n)]));
  let name = "";
  let best = 0;
  let count = 0;
  for (const r of spellings) {
    const spelling = r.key.slice(prefix.length);
    const n = Number(r.n) - (scheduled.get(spelling) ?? 0);
    count += n;
    if (n > best || (n === best && n > 0 && spelling < name)) [name, best] = [spelling, n];
  }
  return best > 0 ? { key: k, name, count } : undefined;
}
