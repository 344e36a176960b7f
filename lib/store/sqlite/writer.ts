import type Database from "better-sqlite3";
import type { Catalog } from "@/lib/store/types";
import { tagKey } from "@/lib/content/tags";
import type { Article, ContentProblem } from "@/lib/content/types";
import { dayKey } from "@/lib/format/dates";
import type { SearchFields } from "@/lib/store/search-text";
import { readMeta, writeMeta } from "./schema";

/** One article file as the indexer read it: its article when valid, and what was wrong with it. */
export interface FileRecord {
  /** Path inside the content folder, `articles/…/x.md`. */
  path: string;
  /** mtime and size when read, to notice changes. */
  stamp: string;
  article?: Article;
  problems: ContentProblem[];
  /** The article's searchable terms (lib/store/search-text.ts), made with the article. */
  search?: SearchFields;
  /** Read again because sections or media changed: an invalid file loses its last good article. */
  fresh?: boolean;
}

/** The folder of a path inside the content folder (`articles/politics`). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Bits of a search key below the publication second: the article's id. */
export const SEARCH_ID_BITS = 30;

/**
 * An article's search key (`articles.search_key`): the publication second, then the id, so that
 * key order is date order.
 */
export function searchKey(dateMs: number, id: number): bigint {
  return (BigInt(Math.floor(dateMs / 1000)) << BigInt(SEARCH_ID_BITS)) + BigInt(id);
}

/** The largest search key of an article published at or before `now`. */
export function searchKeyLimit(now: number): bigint {
  return (BigInt(Math.floor(now / 1000)) << BigInt(SEARCH_ID_BITS)) + ((1n << BigInt(SEARCH_ID_BITS)) - 1n);
}

/**
 * The full-text table's rowid is SEARCH_ROWID_FLIP less the search key: newest first is then
 * FTS5's own order. FTS5 reads a word's list of articles oldest first; read the other way, each
 * step onto a new page parses that page to find its rows backwards, and an AND of words, which
 * hops from page to page of each word's list, took 1.6-2 times as long (at a million articles,
 * "канаде конца года": 27 against 13 ms, its 784 matches being the whole list). A key is under
 * 2^61 (seconds to the year 2100 shifted past 30 bits), so the rowid stays positive.
 */
export const SEARCH_ROWID_FLIP = 2n ** 62n;

interface Row {
  id: number;
  file: string;
  slug: string;
  draft: number;
  state: number;
  date_ms: number;
  search_key: bigint | null;
}

/**
 * The one writer of a database: applies what the indexer read, each batch in one transaction that
 * also bumps the version readers cache by. Which file holds a slug is settled here (the path that
 * sorts first wins, as before), and only winners that are not drafts are in the full-text table.
 */
export class SqliteWriter {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private timeZone: string,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      putFile: p(
        "INSERT INTO files (path, dir, stamp, problems) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET stamp = excluded.stamp, problems = excluded.problems",
      ),
      dropFile: p("DELETE FROM files WHERE path = ?"),
      byFile: p("SELECT id, file, slug, draft, state, date_ms, search_key FROM articles WHERE file = ?").safeIntegers(true),
      bySlug: p("SELECT id, file, slug, draft, state, date_ms, search_key FROM articles WHERE slug = ? ORDER BY file").safeIntegers(true),
      insertWhole: p(
        "INSERT INTO articles (id, file, slug, draft, state, date_ms, changed_ms, section, source_id, top, month, image, search_key, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      insert: p(
        "INSERT INTO articles (file, slug, draft, state, date_ms, changed_ms, section, source_id, top, month, image, data) VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      update: p(
        "UPDATE articles SET slug = ?, draft = ?, date_ms = ?, changed_ms = ?, section = ?, source_id = ?, top = ?, month = ?, image = ?, data = ? WHERE id = ?",
      ),
      setState: p("UPDATE articles SET state = ?, search_key = ? WHERE id = ?"),
      tagsState: p("UPDATE tags SET state = ? WHERE article_id = ?"),
      dropArticle: p("DELETE FROM articles WHERE id = ?"),
      dropTags: p("DELETE FROM tags WHERE article_id = ?"),
      addTag: p(
        "INSERT INTO tags (tag_key, article_id, spelling, state, date_ms, slug) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tag_key, article_id) DO NOTHING",
      ),
      dropAliases: p("DELETE FROM aliases WHERE article_id = ?"),
      addAlias: p("INSERT INTO aliases (alias, article_id) VALUES (?, ?) ON CONFLICT (alias, article_id) DO NOTHING"),
      // Both take the article's search key; the table's rowid is the key flipped (SEARCH_ROWID_FLIP).
      dropSearch: p(`DELETE FROM search WHERE rowid = ${SEARCH_ROWID_FLIP} - ?`),
      addSearch: p(`INSERT INTO search (rowid, title, lead, tags, body) VALUES (${SEARCH_ROWID_FLIP} - ?, ?, ?, ?, ?)`),
      bump: p("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'version'"),
      putMedia: p(
        "INSERT INTO media (path, stamp, width, height) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET stamp = excluded.stamp, width = excluded.width, height = excluded.height",
      ),
      dropMedia: p("DELETE FROM media WHERE path = ?"),
    };
    if (readMeta(db, "version") === undefined) writeMeta(db, "version", "1");
  }

  /** The zone months (sitemaps) are counted in; a change of zone re-indexes every article anyway. */
  setTimeZone(timeZone: string) {
    this.timeZone = timeZone;
  }

  /**
   * Fills an empty database (the first index of an archive): every file is new, so nothing is
   * looked up; each article is written once, with its state and search key, as if its slug were
   * its own. `settleDuplicates` then settles the slugs two files claim.
   */
  bulkApply(records: readonly FileRecord[]): void {
    this.db.transaction(() => {
      let id = Number(this.db.prepare("SELECT coalesce(max(id), 0) FROM articles").pluck().get());
      for (const record of records) {
        this.s.putFile.run(record.path, dirOf(record.path), record.stamp, record.problems.length > 0 ? JSON.stringify(record.problems) : null);
        const a = record.article;
        if (!a) continue;
        id++;
        const state = a.draft ? 1 : 0;
        const key = state === 0 && record.search ? searchKey(a.dateMs, id) : null;
        const { changed, month, image } = this.derived(a);
        this.s.insertWhole.run(
          id,
          record.path,
          a.slug,
          a.draft ? 1 : 0,
          state,
          a.dateMs,
          changed,
          a.section,
          a.source?.id ?? null,
          a.top ? 1 : 0,
          month,
          image,
          key,
          JSON.stringify(a),
        );
        if (key !== null) this.s.addSearch.run(key, record.search!.title, record.search!.lead, record.search!.tags, record.search!.body);
        this.addTagsAndAliases(a, id, state);
      }
      this.s.bump.run();
    })();
  }

  /** After bulkApply: the slugs more than one file claims go to the path that sorts first. Returns files to read again. */
  settleDuplicates(): string[] {
    return this.db.transaction(() => {
      const reread: string[] = [];
      const slugs = this.db.prepare("SELECT slug FROM articles GROUP BY slug HAVING count(*) > 1").pluck().all() as string[];
      for (const slug of slugs) this.settle(slug, new Map(), reread);
      if (slugs.length > 0) this.s.bump.run();
      return reread;
    })();
  }

  private derived(a: Article) {
    return {
      changed: Date.parse(a.updated ?? "") || a.dateMs,
      month: dayKey(a.dateMs, this.timeZone).slice(0, 7),
      image: a.image && !/^https:/i.test(a.image.src) ? a.image.src.replace(/^\//, "") : null,
    };
  }

  private addTagsAndAliases(a: Article, id: number, state: number) {
    const seen = new Set<string>();
    for (const spelling of a.tags) {
      const key = tagKey(spelling);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      this.s.addTag.run(key, id, spelling, state, a.dateMs, a.slug);
    }
    for (const alias of a.aliases) this.s.addAlias.run(alias, id);
  }

  /**
   * Writes the records and forgets the removed paths, in one transaction. Returns the files that
   * must be read again: a file that now holds its slug (the one before it went) but whose terms
   * this batch does not have.
   */
  apply(records: readonly FileRecord[], removed: readonly string[] = []): string[] {
    return this.db.transaction(() => {
      const slugs = new Set<string>();
      const fresh = new Map<number, SearchFields | undefined>();
      for (const path of removed) {
        this.s.dropFile.run(path);
        const row = this.s.byFile.get(path) as Row | undefined;
        if (row) {
          this.drop(row);
          slugs.add(row.slug);
        }
      }
      for (const record of records) this.put(record, slugs, fresh);
      const reread: string[] = [];
      for (const slug of slugs) this.settle(slug, fresh, reread);
      this.s.bump.run();
      return reread;
    })();
  }

  private put(record: FileRecord, slugs: Set<string>, fresh: Map<number, SearchFields | undefined>) {
    this.s.putFile.run(record.path, dirOf(record.path), record.stamp, record.problems.length > 0 ? JSON.stringify(record.problems) : null);
    const a = record.article;
    const existing = this.s.byFile.get(record.path) as Row | undefined;
    if (!a) {
      // A file caught half-saved (or broken) keeps its last good article until it is fixed or
      // deleted; unless it was read again because sections or media changed (`fresh`): then what
      // it was is no longer valid either.
      if (existing && record.fresh) {
        this.drop(existing);
        slugs.add(existing.slug);
      }
      return;
    }
    const { changed, month, image } = this.derived(a);
    const data = JSON.stringify(a);
    let id: number;
    if (existing) {
      id = Number(existing.id);
      this.s.update.run(a.slug, a.draft ? 1 : 0, a.dateMs, changed, a.section, a.source?.id ?? null, a.top ? 1 : 0, month, image, data, id);
      if (existing.slug !== a.slug) slugs.add(existing.slug);
      // Its place in the full-text table depends on its date: it is put back when settled.
      if (existing.search_key !== null) {
        this.s.dropSearch.run(existing.search_key);
        this.s.setState.run(Number(existing.state), null, id);
      }
      this.s.dropTags.run(id);
      this.s.dropAliases.run(id);
    } else {
      id = Number(
        this.s.insert.run(record.path, a.slug, a.draft ? 1 : 0, a.dateMs, changed, a.section, a.source?.id ?? null, a.top ? 1 : 0, month, image, data)
          .lastInsertRowid,
      );
    }
    let state = existing ? Number(existing.state) : 2;
    // The common case when an archive is built or a story is added: a new file with a slug no other
    // file has. Its state is known now, and settling it later would update what was just written.
    const alone = !existing && !slugs.has(a.slug) && (this.s.bySlug.all(a.slug) as Row[]).length === 1;
    if (alone) {
      state = a.draft ? 1 : 0;
      let key: bigint | null = null;
      if (state === 0 && record.search) {
        key = searchKey(a.dateMs, id);
        this.s.addSearch.run(key, record.search.title, record.search.lead, record.search.tags, record.search.body);
      }
      this.s.setState.run(state, key, id);
    }
    this.addTagsAndAliases(a, id, state);
    if (alone && (state !== 0 || record.search)) return;
    slugs.add(a.slug);
    fresh.set(id, record.search);
  }

  private drop(row: Row) {
    const id = Number(row.id);
    if (row.search_key !== null) this.s.dropSearch.run(row.search_key);
    this.s.dropTags.run(id);
    this.s.dropAliases.run(id);
    this.s.dropArticle.run(id);
  }

  /** Settles who holds a slug: the first path in order; it is searchable unless it is a draft. */
  private settle(slug: string, fresh: Map<number, SearchFields | undefined>, reread: string[]) {
    const rows = this.s.bySlug.all(slug) as Row[];
    rows.forEach((row, i) => {
      const id = Number(row.id);
      const state = i > 0 ? 2 : Number(row.draft) ? 1 : 0;
      const isFresh = fresh.has(id);
      if (state === Number(row.state) && !isFresh && (state !== 0 || row.search_key !== null)) return;
      let key: bigint | null = row.search_key;
      if (state !== 0) {
        if (key !== null) this.s.dropSearch.run(key);
        key = null;
      } else if (key === null || isFresh) {
        const fields = fresh.get(id);
        if (key !== null) this.s.dropSearch.run(key);
        key = null;
        if (fields) {
          key = searchKey(Number(row.date_ms), id);
          this.s.addSearch.run(key, fields.title, fields.lead, fields.tags, fields.body);
        } else reread.push(row.file);
      }
      this.s.setState.run(state, key, id);
      this.s.tagsState.run(state, id);
    });
  }

  /** site.json, sections.json and sources.json as readers get them, with the problems found reading them. */
  setCatalog(catalog: Pick<Catalog, "site" | "sections" | "sources">, problems: ContentProblem[]) {
    this.db.transaction(() => {
      writeMeta(this.db, "catalog", JSON.stringify({ site: catalog.site, sections: catalog.sections, sources: catalog.sources }));
      writeMeta(this.db, "catalog_problems", JSON.stringify(problems));
      this.s.bump.run();
    })();
  }

  /** Image files under media/ with their sizes; problems found reading them (unreadable images…). */
  setMedia(media: ReadonlyMap<string, { width: number; height: number; stamp?: string }>, problems: ContentProblem[]) {
    this.db.transaction(() => {
      const known = this.db.prepare("SELECT path, stamp FROM media").all() as { path: string; stamp: string }[];
      for (const { path } of known) if (!media.has(path)) this.s.dropMedia.run(path);
      const stamps = new Map(known.map((k) => [k.path, k.stamp]));
      for (const [path, info] of media) {
        const stamp = info.stamp ?? `${info.width}x${info.height}`;
        if (stamps.get(path) !== stamp) this.s.putMedia.run(path, stamp, info.width, info.height);
      }
      writeMeta(this.db, "media_problems", JSON.stringify(problems));
      this.s.bump.run();
    })();
  }

  /** Problems of the listing itself (unreadable folders, files too large…), replaced as a whole. */
  setListingProblems(problems: ContentProblem[]) {
    const json = JSON.stringify(problems);
    // Every comparison of the whole folder ends here: unchanged, it must not bump the version,
    // which would drop every reader's cached lists for nothing.
    if (readMeta(this.db, "listing_problems") === json) return;
    this.db.transaction(() => {
      writeMeta(this.db, "listing_problems", json);
      this.s.bump.run();
    })();
  }
}
