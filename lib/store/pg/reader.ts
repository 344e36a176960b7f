import type { Pool } from "pg";
import { tagKey } from "@/lib/content/tags";
import type { Article, ContentProblem, SourceInfo } from "@/lib/content/types";
import type { ParsedQuery } from "@/lib/search/text";
import { countKey, filterParams, filterSql, orderSql } from "@/lib/store/sqlite/filters";
import { EMPTY_CATALOG, key, parse, tagFromCounts, toCatalog, type Window } from "@/lib/store/sqlite/reader";
import { cutOf, pageHits, keyOf, scoreWindow, type Scored } from "@/lib/store/sqlite/rank";
import { SEARCH_ID_BITS, searchKeyLimit } from "@/lib/store/sqlite/writer";
import type { ArticleStore, Catalog, ListFilter, MonthInfo, PageRange, SearchOutcome, SearchSort, TagInfo } from "@/lib/store/types";
import { rankRelated, RELATED_PER_KEY, relatedKeys, type RelatedRow } from "@/lib/store/related";
import { outageSince } from "@/lib/server/store-outage.mjs";
import { Batcher } from "./batch";
import { monthsTsquery, tsquery } from "./search";
import { headRelevance, monthsNewestFirst, readWindow, type MonthCount, type WindowRow } from "./window";

/** As the SQLite store's SEARCH_WINDOW: only the newest matches of a query are ranked. */
export const PG_SEARCH_WINDOW = 5_000;
/** Derived answers kept per version (lists, counts, tags, articles); the map starts afresh when full. */
const CACHE_ENTRIES = 4_000;
/** The article id's bits of a search key. */
const ID_MASK = 2 ** SEARCH_ID_BITS - 1;

/**
 * One batch of a search's window (window.ts): the newest matches of a tsquery (the query's, with or
 * without its months' terms), each with the rank of its title, tags and lead by the second (none:
 * 0). Parameters: the two tsqueries, the newest search_key wanted, how many. search_window()
 * (schema.ts) holds the plan to the GIN index. The rows come back as one text, `sec id rank`
 * after another (windowRows reads it): 5,000 rows of three fields each cost the driver a message
 * and three decoded strings apiece, and one text took 10-40 % less time a batch, parse included
 * (100,000 articles, 5,001-row windows).
 */
export const SEARCH_BATCH_SQL = `SELECT string_agg((search_key >> ${SEARCH_ID_BITS})::text || ' ' || (search_key & ${ID_MASK})::text || ' ' || r::float8::text, ' ' ORDER BY search_key DESC) AS w
  FROM search_window($1::tsquery, $2::tsquery, $3::bigint, $4::int)`;

/** A batch's text (SEARCH_BATCH_SQL) as its rows, newest first. */
export function windowRows(text: string | null | undefined): WindowRow[] {
  if (!text) return [];
  const fields = text.split(" ");
  const rows: WindowRow[] = new Array(Math.floor(fields.length / 3));
  for (let i = 0, k = 0; k < rows.length; i += 3, k++) rows[k] = { sec: Number(fields[i]), id: Number(fields[i + 1]), r: Number(fields[i + 2]) };
  return rows;
}

/**
 * A page's matches, by key, as articles still published: their slugs, dates and data (the page
 * asks for each of its articles next: kept from here, they cost no round trip of their own).
 */
const SEARCH_PAGE_SQL = `SELECT (search_key >> ${SEARCH_ID_BITS})::float8 AS sec, (search_key & ${ID_MASK})::int AS id, slug, date_ms::float8 AS d, data
  FROM articles WHERE search_key = ANY($1::bigint[]) AND state = 0 AND date_ms <= $2`;

/**
 * «По теме», each in one query for all of an article's keys (n: the key's place in its list): the
 * newest published articles of each tag (the tag pages' index range), and the newest RELATED_PER_KEY
 * keys of each headline word in titles and tags (title_terms, schema.ts; a word's alternative terms
 * each give their newest, the word keeps the newest of those), joined to the articles published.
 * Parameters: tags, now, per key; and terms, their word's n, the newest key, per key, now.
 */
const RELATED_BY_TAG_SQL = `SELECT (t.n - 1)::int AS n, x.slug, x.date_ms FROM unnest($1::text[]) WITH ORDINALITY AS t(tag_key, n)
  CROSS JOIN LATERAL (SELECT slug, date_ms FROM tags WHERE tag_key = t.tag_key AND state = 0 AND date_ms <= $2 ORDER BY date_ms DESC, slug LIMIT $3) x`;
export const RELATED_BY_WORD_SQL = `SELECT w.n, a.slug, a.date_ms FROM (SELECT DISTINCT n FROM unnest($2::int[]) AS n) w
  CROSS JOIN LATERAL (
    SELECT DISTINCT k.search_key FROM unnest($1::text[], $2::int[]) AS t(term, n)
    CROSS JOIN LATERAL (SELECT search_key FROM title_terms WHERE term = t.term AND search_key <= $3 ORDER BY search_key DESC LIMIT $4) k
    WHERE t.n = w.n ORDER BY k.search_key DESC LIMIT $4
  ) m
  JOIN articles a ON a.search_key = m.search_key WHERE a.state = 0 AND a.date_ms <= $5`;

/** Where a PgStore learns the current version: LISTEN/NOTIFY in servers (lib/store/pg/changes.ts). */
export interface VersionSource {
  /** The newest version announced, or undefined when not known (then the store asks the database). */
  known(): number | undefined;
}

/** Rows by their tag (Map.groupBy, which Node 20 lacks). */
function byTag<R extends { tag_key: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const list = out.get(r.tag_key);
    if (list) list.push(r);
    else out.set(r.tag_key, [r]);
  }
  return out;
}

/** `?` placeholders (the SQL the SQLite store shares) as PostgreSQL's `$1, $2, …`. */
export function numbered(sql: string, first = 1): string {
  let n = first;
  return sql.replace(/\?/g, () => `$${n++}`);
}

/**
 * The reading side of the PostgreSQL store: the SQLite store's queries, answered over the network.
 * Every answer is kept per version and published set, as in SQLite's, and articles are kept too:
 * an instance that loses the database keeps serving what it has answered (lib/store/pg/changes.ts
 * tells it when the version moves).
 */
export class PgStore implements ArticleStore {
  private seenVersion = -1;
  private catalogJson = "";
  private catalogValue: Catalog = EMPTY_CATALOG;
  private window?: Window;
  private cache = new Map<string, unknown>();
  // Moves whenever answers are dropped (a new version, another published set): an answer read
  // before the move is returned to its caller but not kept, or it would outlive the change that
  // arrived while it was read, until the next one.
  private generation = 0;
  // A page's articles and tags, asked one by one, in one query each (batch.ts).
  private readonly articleLookups = new Batcher<Article>(async (slugs) => {
    const { rows } = await this.pool.query<{ slug: string; data: string }>("SELECT slug, data FROM articles WHERE slug = ANY($1::text[]) AND state < 2", [
      slugs,
    ]);
    return new Map(rows.map((r) => [r.slug, JSON.parse(r.data) as Article]));
  });
  private readonly tagLookups = new Batcher<TagInfo>(async (keys, group) => {
    // The spellings of each tag among published articles (its counts, kept by the indexer: `n:<tag>\x01<spelling>`)
    // less those of its articles scheduled after `now`.
    const [scheduled, spellings] = await Promise.all([
      this.pool.query<{ tag_key: string; spelling: string; n: string }>(
        "SELECT tag_key, spelling, count(*) AS n FROM tags WHERE tag_key = ANY($1::text[]) AND state = 0 AND date_ms > $2 GROUP BY tag_key, spelling",
        [keys, Number(group)],
      ),
      this.pool.query<{ tag_key: string; key: string; n: string }>(
        `SELECT t.tag_key, c.key, c.n FROM unnest($1::text[], $2::text[], $3::text[]) AS t(tag_key, lo, hi)
         CROSS JOIN LATERAL (SELECT key, n FROM counts WHERE key > t.lo AND key < t.hi AND n > 0) c`,
        [keys, keys.map((k) => `n:${k}\u0001`), keys.map((k) => `n:${k}\u0002`)],
      ),
    ]);
    const spellingsOf = byTag(spellings.rows);
    const scheduledOf = byTag(scheduled.rows);
    const out = new Map<string, TagInfo>();
    for (const k of keys) {
      const tag = tagFromCounts(k, spellingsOf.get(k) ?? [], scheduledOf.get(k) ?? []);
      if (tag) out.set(k, tag);
    }
    return out;
  });

  constructor(
    private readonly pool: Pool,
    private readonly versions?: VersionSource,
    private readonly searchWindow = PG_SEARCH_WINDOW,
  ) {}

  async version(): Promise<number> {
    return this.sync();
  }

  async catalog(): Promise<Catalog> {
    await this.sync();
    return this.catalogValue;
  }

  async article(slug: string): Promise<Article | undefined> {
    return this.cached(`a|${slug}`, undefined, () => this.articleLookups.load(slug));
  }

  async alias(slug: string): Promise<Article | undefined> {
    return this.cached(`al|${slug}`, undefined, async () =>
      parse(
        await this.one(
          `SELECT a.data FROM aliases al JOIN articles a ON a.id = al.article_id
           WHERE al.alias = $1 AND a.state < 2 AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.slug = al.alias AND b.state < 2)
           ORDER BY a.date_ms DESC, a.slug LIMIT 1`,
          [slug],
        ),
      ),
    );
  }

  async list(filter: ListFilter, now: number, range: PageRange): Promise<Article[]> {
    if (range.limit <= 0) return [];
    return this.cached(`l|${key(filter)}|${range.offset}|${range.limit}`, now, async () => {
      const { from, where } = filterSql(filter);
      const params = filterParams(filter, now);
      const sql = numbered(`SELECT a.data FROM ${from} WHERE ${where} ORDER BY ${orderSql(filter)} LIMIT ? OFFSET ?`);
      const { rows } = await this.pool.query<{ data: string }>(sql, [...params, range.limit, range.offset]);
      return rows.map((r) => JSON.parse(r.data) as Article);
    });
  }

  async count(filter: ListFilter, now: number): Promise<number> {
    return this.cached(`c|${key(filter)}`, now, async () => {
      const kept = countKey(filter);
      const { from, where } = filterSql(filter, { future: kept !== undefined });
      const n = Number(await this.one(numbered(`SELECT count(*) AS data FROM ${from} WHERE ${where}`), filterParams(filter, now)));
      return kept === undefined ? n : Number((await this.one("SELECT n AS data FROM counts WHERE key = $1", [kept])) ?? 0) - n;
    });
  }

  async neighbours(article: Article, now: number): Promise<{ previous?: Article; next?: Article }> {
    if (article.draft || article.dateMs > now) return {};
    return this.cached(`n|${article.slug}`, now, async () => {
      // Two index ranges each, as on SQLite (lib/store/sqlite/reader.ts): an OR cannot be sought.
      const args = [article.section, article.dateMs, now, article.slug];
      const [newer, older] = await Promise.all([
        this.one(
          `SELECT data FROM (
             (SELECT data, date_ms, slug FROM articles WHERE section = $1 AND state = 0 AND date_ms = $2 AND date_ms <= $3 AND slug < $4 ORDER BY slug DESC LIMIT 1)
             UNION ALL
             (SELECT data, date_ms, slug FROM articles WHERE section = $1 AND state = 0 AND date_ms > $2 AND date_ms <= $3 ORDER BY date_ms ASC, slug DESC LIMIT 1)
           ) n ORDER BY date_ms ASC, slug DESC LIMIT 1`,
          args,
        ),
        this.one(
          `SELECT data FROM (
             (SELECT data, date_ms, slug FROM articles WHERE section = $1 AND state = 0 AND date_ms = $2 AND date_ms <= $3 AND slug > $4 ORDER BY slug ASC LIMIT 1)
             UNION ALL
             (SELECT data, date_ms, slug FROM articles WHERE section = $1 AND state = 0 AND date_ms < $2 AND date_ms <= $3 ORDER BY date_ms DESC, slug ASC LIMIT 1)
           ) o ORDER BY date_ms DESC, slug ASC LIMIT 1`,
          args,
        ),
      ]);
      const next = parse(newer);
      const previous = parse(older);
      return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
    });
  }

  async related(article: Article, now: number, limit: number): Promise<Article[]> {
    if (limit <= 0) return [];
    return this.cached(`r|${article.slug}|${limit}`, now, async () => {
      const { tags, words } = relatedKeys(article);
      const terms = words.flatMap((alternatives, n) => alternatives.map((term) => [term, n] as const));
      const lists = async (sql: string, params: unknown[], n: number) => {
        const out: RelatedRow[][] = Array.from({ length: n }, () => []);
        const { rows } = await this.pool.query<{ n: number; slug: string; date_ms: string }>(sql, params);
        for (const row of rows) out[row.n]!.push({ slug: row.slug, dateMs: Number(row.date_ms) });
        return out;
      };
      const [byTag, byWord] = await Promise.all([
        tags.length ? lists(RELATED_BY_TAG_SQL, [tags, now, RELATED_PER_KEY], tags.length) : [],
        terms.length
          ? lists(RELATED_BY_WORD_SQL, [terms.map(([t]) => t), terms.map(([, n]) => n), String(searchKeyLimit(now)), RELATED_PER_KEY, now], words.length)
          : [],
      ]);
      const chosen = rankRelated(article.slug, byTag, byWord, limit);
      const articles = await Promise.all(chosen.map((slug) => this.article(slug)));
      return articles.filter((a): a is Article => !!a);
    });
  }

  async lastChanged(filter: ListFilter, now: number): Promise<Article | undefined> {
    return this.cached(`m|${key(filter)}`, now, async () => {
      const { from, where } = filterSql(filter);
      return parse(
        await this.one(
          numbered(`SELECT a.data FROM ${from} WHERE ${where} ORDER BY a.changed_ms DESC, a.date_ms DESC, a.slug LIMIT 1`),
          filterParams(filter, now),
        ),
      );
    });
  }

  async tag(spelling: string, now: number): Promise<TagInfo | undefined> {
    const k = tagKey(spelling);
    if (!k) return undefined;
    return this.cached(`t|${k}`, now, () => this.tagLookups.load(k, String(now)));
  }

  async partnersWithArticles(now: number): Promise<SourceInfo[]> {
    return this.cached("p", now, async () => {
      const { rows } = await this.pool.query<{ id: string; data: string | null }>(
        `SELECT substr(c.key, 3) AS id,
           (SELECT a.data FROM articles a WHERE a.source_id = substr(c.key, 3) AND a.state = 0 AND a.date_ms <= $1 ORDER BY a.date_ms DESC, a.slug LIMIT 1) AS data
         FROM counts c WHERE c.key > 'p:' AND c.key < 'p;' AND c.n > 0 ORDER BY c.key`,
        [now],
      );
      const out: SourceInfo[] = [];
      for (const { id, data } of rows) {
        const newest = parse(data);
        if (newest) out.push({ id, name: newest.source?.name ?? id });
      }
      return out;
    });
  }

  async months(now: number): Promise<MonthInfo[]> {
    return this.cached("months", now, async () => {
      const [scheduledRows, kept] = await Promise.all([
        this.pool.query<{ month: string; n: string }>("SELECT month, count(*) AS n FROM articles WHERE state = 0 AND date_ms > $1 GROUP BY month", [now]),
        this.pool.query<{ month: string; n: string; data: string | null }>(
          `SELECT substr(c.key, 3) AS month, c.n,
             (SELECT a.data FROM articles a WHERE a.month = substr(c.key, 3) AND a.state = 0 AND a.date_ms <= $1
              ORDER BY a.changed_ms DESC, a.date_ms DESC, a.slug LIMIT 1) AS data
           FROM counts c WHERE c.key > 'm:' AND c.key < 'm;' AND c.n > 0 ORDER BY c.key DESC`,
          [now],
        ),
      ]);
      const scheduled = new Map(scheduledRows.rows.map((r) => [r.month, Number(r.n)]));
      const out: MonthInfo[] = [];
      for (const { month, n, data } of kept.rows) {
        const count = Number(n) - (scheduled.get(month) ?? 0);
        const last = count > 0 ? parse(data) : undefined;
        if (last) out.push({ month, count, lastModified: last.updated ?? last.date });
      }
      return out;
    });
  }

  async media(path: string): Promise<{ width: number; height: number } | undefined> {
    return this.cached(`i|${path}`, undefined, async () => {
      const { rows } = await this.pool.query<{ width: number; height: number }>("SELECT width, height FROM media WHERE path = $1", [path]);
      const row = rows[0];
      return row && { width: row.width, height: row.height };
    });
  }

  async problems(): Promise<ContentProblem[]> {
    const out: ContentProblem[] = [];
    const { rows: meta } = await this.pool.query<{ key: string; value: string }>(
      "SELECT key, value FROM meta WHERE key IN ('catalog_problems', 'media_problems', 'listing_problems')",
    );
    const byKey = new Map(meta.map((r) => [r.key, r.value]));
    for (const name of ["catalog_problems", "media_problems", "listing_problems"]) out.push(...(JSON.parse(byKey.get(name) ?? "[]") as ContentProblem[]));
    const { rows: files } = await this.pool.query<{ problems: string }>("SELECT problems FROM file_problems ORDER BY path");
    for (const { problems } of files) out.push(...(JSON.parse(problems) as ContentProblem[]));
    const { rows: losers } = await this.pool.query<{ file: string; slug: string; owner: string | null }>(
      `SELECT a.file, a.slug, (SELECT b.file FROM articles b WHERE b.slug = a.slug AND b.state < 2 LIMIT 1) AS owner
       FROM articles a WHERE a.state = 2 ORDER BY a.file`,
    );
    for (const r of losers) out.push({ file: r.file, field: "slug", message: `"${r.slug}" is already used by ${r.owner ?? "another file"}` });
    const { rows: clashes } = await this.pool.query<{ file: string; alias: string; slugowner: string | null; aliasowner: string | null }>(
      `SELECT a.file, al.alias, (SELECT b.file FROM articles b WHERE b.slug = al.alias AND b.state < 2 LIMIT 1) AS slugowner,
         (SELECT c.file FROM aliases cl JOIN articles c ON c.id = cl.article_id WHERE cl.alias = al.alias AND c.state < 2 AND c.id <> a.id
            AND (c.date_ms > a.date_ms OR (c.date_ms = a.date_ms AND c.slug < a.slug)) ORDER BY c.date_ms DESC, c.slug LIMIT 1) AS aliasowner
       FROM aliases al JOIN articles a ON a.id = al.article_id WHERE a.state < 2 ORDER BY a.date_ms DESC, a.slug`,
    );
    for (const r of clashes) {
      const owner = r.slugowner ?? r.aliasowner;
      if (owner) out.push({ file: r.file, field: "aliases", message: `"${r.alias}" is already used by ${owner}` });
    }
    return out;
  }

  async size(): Promise<number> {
    return Number(await this.one("SELECT count(*) AS data FROM articles WHERE state < 2", []));
  }

  async search(query: ParsedQuery, now: number, range: PageRange, sort: SearchSort = "relevance"): Promise<SearchOutcome> {
    const terms = new Set(query.words.flat());
    // Asked beside the window's first batch, not before it: one round trip less a search.
    const building = this.metaValue("building");
    building.catch(() => undefined);
    if (query.words.length === 0) return { hits: [], total: 0, terms, complete: (await building) !== "1" };
    const q = tsquery(query.words);
    const limit = String(searchKeyLimit(now));
    const window = this.searchWindow;
    // The newest matches, one more than the window to tell "more than" (the page says so), a
    // batch of months at a time (window.ts).
    const matches = await readWindow(await this.searchMonths(), window + 1, async (months, n, below) => {
      const { rows } = await this.pool.query<{ w: string | null }>(SEARCH_BATCH_SQL, [
        months ? `${q} & ${monthsTsquery(months)}` : q,
        sort === "date" ? null : q,
        below ? String(keyOf(below) - 1n) : limit,
        n,
      ]);
      return windowRows(rows[0]?.w);
    });
    const complete = (await building) !== "1";
    const capped = matches.length > window;
    if (capped) matches.length = window;
    if (matches.length === 0) return { hits: [], total: 0, terms, complete };
    // Newest first: the window as read (key order; the page orders a second's ties by date and
    // slug). By relevance: scored as the SQLite store scores (lib/store/sqlite/rank.ts).
    const scored = sort === "date" ? matches.map((m) => ({ ...m, score: 0 })) : scoreWindow(matches, headRelevance(matches), now);
    return { hits: await this.pageOf(scored, range, now), total: matches.length, terms, complete, ...(capped ? { capped } : {}) };
  }

  /** The archive's months newest first, with their articles (window.ts sizes batches by them). */
  private searchMonths(): Promise<MonthCount[]> {
    return this.cached("sm|", undefined, async () => {
      const { rows } = await this.pool.query<{ key: string; n: string }>("SELECT key, n FROM counts WHERE key >= 'm:' AND key < 'm;'");
      return monthsNewestFirst(rows);
    });
  }

  /** The page's hits: the scored keys through the page's end (and its ties) as published articles. */
  private async pageOf(scored: Scored[], range: PageRange, now: number): Promise<{ slug: string; score: number }[]> {
    const wanted = scored.slice(0, cutOf(scored, range.offset + range.limit));
    if (wanted.length === 0) return [];
    const generation = this.generation;
    const { rows } = await this.pool.query<{ sec: number; id: number; slug: string; d: number; data: string }>(SEARCH_PAGE_SQL, [
      wanted.map((m) => String(keyOf(m))),
      now,
    ]);
    // An article removed since its key was read has no row: it is left out.
    const found = new Map(rows.map((r) => [r.id, r]));
    const hits: { slug: string; d: number; score: number }[] = [];
    for (const m of wanted) {
      const row = found.get(m.id);
      if (row && row.sec === m.sec) hits.push({ slug: row.slug, d: row.d, score: m.score });
    }
    const page = pageHits(hits, range);
    // The page's articles, as article() would have read them (state 0 is among its state < 2).
    if (generation === this.generation) {
      const bySlug = new Map(rows.map((r) => [r.slug, r.data]));
      for (const { slug } of page) if (!this.cache.has(`a|${slug}`)) this.keep(`a|${slug}`, JSON.parse(bySlug.get(slug)!) as Article);
    }
    return page;
  }

  /** The version: as announced (no round trip), or asked for when nothing announces it. */
  private async sync(): Promise<number> {
    const known = this.versions?.known();
    const version = known ?? Number((await this.metaValue("version")) ?? 0);
    if (version !== this.seenVersion) {
      const rows = (await this.pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'catalog'")).rows;
      const json = rows[0]?.value ?? "";
      this.seenVersion = version;
      this.cache.clear();
      this.generation++;
      this.window = undefined;
      if (json !== this.catalogJson) {
        this.catalogJson = json;
        this.catalogValue = json ? toCatalog(JSON.parse(json) as Pick<Catalog, "site" | "sections" | "sources">) : EMPTY_CATALOG;
      }
    }
    return version;
  }

  /** An answer from memory while the version (and, for `now`, the published set) stays the same. */
  private async cached<T>(k: string, now: number | undefined, make: () => Promise<T>): Promise<T> {
    await this.sync();
    if (now !== undefined) {
      let w = this.window;
      if (!w || now < w.from || now >= w.until) {
        // Without the database, an answer kept for the last published set is served stale (issue 18:
        // "keeps serving what it has") rather than none; the set is asked for again once it is back.
        if (w && this.cache.has(k) && outageSince() !== undefined) return this.cache.get(k) as T;
        const { rows } = await this.pool.query<{ from: string | null; until: string | null }>(
          `SELECT (SELECT max(date_ms) FROM articles WHERE state = 0 AND date_ms <= $1) AS "from",
                  (SELECT min(date_ms) FROM articles WHERE state = 0 AND date_ms > $1) AS until`,
          [now],
        );
        const row = rows[0]!;
        w = this.window = { from: row.from === null ? -Infinity : Number(row.from), until: row.until === null ? Infinity : Number(row.until) };
        // Answers for another published set go; articles (asked without `now`) stay.
        this.generation++;
        for (const cachedKey of this.cache.keys())
          if (!cachedKey.startsWith("a|") && !cachedKey.startsWith("al|") && !cachedKey.startsWith("i|")) this.cache.delete(cachedKey);
      }
    }
    if (this.cache.has(k)) return this.cache.get(k) as T;
    const generation = this.generation;
    const value = await make();
    if (generation === this.generation) this.keep(k, value);
    return value;
  }

  /** Keeps an answer read in the current generation. */
  private keep(k: string, value: unknown): void {
    if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
    this.cache.set(k, value);
  }

  private async one(sql: string, params: unknown[]): Promise<string | null | undefined> {
    const { rows } = await this.pool.query<{ data: string | null }>(sql, params);
    return rows[0]?.data;
  }

  private async metaValue(name: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>("SELECT value FROM meta WHERE key = $1", [name]);
    return rows[0]?.value;
  }
}
