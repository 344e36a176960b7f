import type BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Database } from "./driver";

/**
 * The index database's layout. Bump SCHEMA_VERSION whenever a table, a column or the way a row is
 * made changes: the version is part of the file's name (lib/store/location.ts), so new code builds
 * a new database beside the old one (which old servers keep reading) and never reads rows it did
 * not write.
 *
 * The SQL is the subset PostgreSQL also speaks (no `INSERT OR REPLACE`, no rowid in queries): the
 * next issue runs the same statements there. The one SQLite-only part is the full-text table
 * (FTS5), which lives behind lib/store/sqlite/search.ts.
 */
export const SCHEMA_VERSION = 3;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Every article file the indexer has read, valid or not: what a re-scan compares with the folder.
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,
  dir TEXT NOT NULL,
  stamp TEXT NOT NULL,
  problems TEXT
);
CREATE INDEX IF NOT EXISTS files_dir ON files (dir);

-- Valid articles. state: 0 = holds its slug and is not a draft (published once its date comes),
-- 1 = a draft holding its slug (preview only), 2 = loses its slug to a file whose path sorts first.
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL,
  draft SMALLINT NOT NULL,
  state SMALLINT NOT NULL,
  date_ms BIGINT NOT NULL,
  changed_ms BIGINT NOT NULL,
  section TEXT NOT NULL,
  source_id TEXT,
  top SMALLINT NOT NULL,
  month TEXT NOT NULL,
  image TEXT,
  search_key BIGINT,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_slug ON articles (slug, state);
CREATE INDEX IF NOT EXISTS articles_feed ON articles (state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_section ON articles (section, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source_id, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_top ON articles (top, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_month ON articles (month, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_changed ON articles (state, changed_ms DESC, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_month_changed ON articles (month, state, changed_ms DESC, date_ms DESC, slug);
CREATE UNIQUE INDEX IF NOT EXISTS articles_search ON articles (search_key);
CREATE INDEX IF NOT EXISTS articles_image ON articles (image);

CREATE TABLE IF NOT EXISTS aliases (
  alias TEXT NOT NULL,
  article_id BIGINT NOT NULL,
  PRIMARY KEY (alias, article_id)
);
CREATE INDEX IF NOT EXISTS aliases_article ON aliases (article_id);

-- An article's tags, with what the tag pages sort and filter by copied from the article.
CREATE TABLE IF NOT EXISTS tags (
  tag_key TEXT NOT NULL,
  article_id BIGINT NOT NULL,
  spelling TEXT NOT NULL,
  state SMALLINT NOT NULL,
  date_ms BIGINT NOT NULL,
  slug TEXT NOT NULL,
  PRIMARY KEY (tag_key, article_id)
);
CREATE INDEX IF NOT EXISTS tags_list ON tags (tag_key, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS tags_article ON tags (article_id);

CREATE TABLE IF NOT EXISTS media (
  path TEXT PRIMARY KEY,
  stamp TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL
);

-- How many articles hold their slug and are not drafts (state 0), per list: 'a' (all), 's:<section>',
-- 'p:<partner>', 't' (top), 'm:<month>', 'g:<tag key>', and 'n:<tag key>\x01<spelling>' for the
-- spelling a tag's page is named by. Kept by the triggers below (COUNTERS), so
-- that a list's length at a million articles is one row, not a scan of a million index entries;
-- readers subtract the scheduled ones, which are few.
CREATE TABLE IF NOT EXISTS counts (key TEXT PRIMARY KEY, n BIGINT NOT NULL);

-- Re-reads asked for by a process that is not the writer (POST /api/revalidate): the writer takes
-- them within half a second and marks them done.
CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY, paths TEXT NOT NULL, done SMALLINT NOT NULL DEFAULT 0);

-- Folders under articles/ and their modification times: the safety net re-reads only folders
-- whose entries changed, instead of a stat of every file.
CREATE TABLE IF NOT EXISTS dirs (path TEXT PRIMARY KEY, mtime TEXT NOT NULL);
`;

/**
 * The database's page size: 16 KiB, not SQLite's 4. A search at a million articles reads some 450
 * pages of word lists (up to 2,000 for an AND of common words), and this host pages out whatever
 * went a minute untouched, so a search's reads often reach the disk: four times fewer, larger
 * reads of lists that lie in order. Applies to databases made from now on; one made before keeps
 * its pages (and works as before) until `npm run index -- --rebuild`.
 */
export const PAGE_SIZE = 16_384;
/** FTS5's leaf size for PAGE_SIZE: a leaf and its row's header within one page. */
export const FTS_LEAF_BYTES = 16_000;

export interface OpenOptions {
  /** Open an existing database only (readers); the writer creates it. */
  mustExist?: boolean;
  /** Pages of the database kept in this connection's memory, in KiB. */
  cacheKiB?: number;
}

/**
 * Opens the database in WAL mode: one writer and any number of readers, in this process or
 * others, none of them waiting for the others (a reader sees the last committed transaction).
 */
export function openDatabase(file: string, { mustExist = false, cacheKiB = 16 * 1024 }: OpenOptions = {}): BetterSqlite3.Database {
  if (!mustExist) mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { fileMustExist: mustExist });
  // Takes effect only in a new, empty file, before WAL mode is set (see PAGE_SIZE).
  db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
  db.exec("PRAGMA journal_mode = WAL");
  // A crash may lose the last transactions, never corrupt the file; the indexer redoes what the
  // folder says, so durability on every commit is not worth an fsync each.
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec(`PRAGMA cache_size = -${cacheKiB}`);
  // Readers wait for a checkpoint or a schema change instead of failing at once.
  db.exec("PRAGMA busy_timeout = 5000");
  return db;
}

export function createSchema(db: BetterSqlite3.Database): void {
  db.exec(SCHEMA);
  const newSearch = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search'").get() === undefined;
  db.exec(SEARCH_SCHEMA);
  // FTS5 writes its lists in leaves of 'pgsz' bytes, each one row of its data table: as large as
  // the database's page allows, so that a leaf is one page. A file made before with 4 KiB pages
  // keeps FTS5's default (4,050), which fits those.
  if (newSearch && db.pragma("page_size", { simple: true }) === PAGE_SIZE) db.exec(`INSERT INTO search (search, rank) VALUES ('pgsz', ${FTS_LEAF_BYTES})`);
  db.exec(COUNTERS);
}

/**
 * The full-text table: one row per published-or-scheduled article, its rowid the article's
 * `search_key` (publication second and id) subtracted from SEARCH_ROWID_FLIP (writer.ts), so that
 * rowid order is newest first, FTS5's fast direction, and "the newest matches" is a range of
 * rowids. Columns hold Snowball terms (lib/search/text.ts), already
 * stemmed and folded, so the tokenizer only splits on spaces. Full detail: FTS5's bm25() needs
 * term counts, which `detail=column` does not keep (every score would be 0).
 */
const SEARCH_SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  title, lead, tags, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
`;

const bump = (key: string, by: string, when = "1 = 1") =>
  `INSERT INTO counts (key, n) SELECT ${key}, ${by} WHERE ${when} ON CONFLICT (key) DO UPDATE SET n = counts.n + (${by});`;
const articleKeys = (row: "NEW" | "OLD", by: string) =>
  [
    bump("'a'", by),
    bump(`'s:' || ${row}.section`, by),
    bump(`'m:' || ${row}.month`, by),
    bump(`'p:' || ${row}.source_id`, by, `${row}.source_id IS NOT NULL`),
    bump("'t'", by, `${row}.top = 1`),
  ].join("\n  ");

const tagKeys = (row: "NEW" | "OLD", by: string) =>
  [bump(`'g:' || ${row}.tag_key`, by), bump(`'n:' || ${row}.tag_key || char(1) || ${row}.spelling`, by)].join("\n  ");

/** The triggers that keep `counts`; dropped while an empty database is filled, then made by recountAll. */
const COUNTERS = `
CREATE TRIGGER IF NOT EXISTS articles_counted AFTER INSERT ON articles WHEN NEW.state = 0 BEGIN
  ${articleKeys("NEW", "1")}
END;
CREATE TRIGGER IF NOT EXISTS articles_uncounted AFTER DELETE ON articles WHEN OLD.state = 0 BEGIN
  ${articleKeys("OLD", "-1")}
END;
CREATE TRIGGER IF NOT EXISTS articles_recounted_old AFTER UPDATE OF state, section, month, source_id, top ON articles WHEN OLD.state = 0 BEGIN
  ${articleKeys("OLD", "-1")}
END;
CREATE TRIGGER IF NOT EXISTS articles_recounted_new AFTER UPDATE OF state, section, month, source_id, top ON articles WHEN NEW.state = 0 BEGIN
  ${articleKeys("NEW", "1")}
END;
CREATE TRIGGER IF NOT EXISTS tags_counted AFTER INSERT ON tags WHEN NEW.state = 0 BEGIN
  ${tagKeys("NEW", "1")}
END;
CREATE TRIGGER IF NOT EXISTS tags_uncounted AFTER DELETE ON tags WHEN OLD.state = 0 BEGIN
  ${tagKeys("OLD", "-1")}
END;
CREATE TRIGGER IF NOT EXISTS tags_recounted AFTER UPDATE OF state ON tags WHEN (OLD.state = 0) <> (NEW.state = 0) BEGIN
  ${tagKeys("NEW", "CASE WHEN NEW.state = 0 THEN 1 ELSE -1 END")}
END;
`;
const TRIGGERS = [
  "articles_counted",
  "articles_uncounted",
  "articles_recounted_old",
  "articles_recounted_new",
  "tags_counted",
  "tags_uncounted",
  "tags_recounted",
];

/** Counts every list anew from the rows, and makes the triggers that keep the counts from then on. */
export function recountAll(db: BetterSqlite3.Database): void {
  db.exec(`
    DELETE FROM counts;
    INSERT INTO counts (key, n) SELECT 'a', count(*) FROM articles WHERE state = 0;
    INSERT INTO counts (key, n) SELECT 's:' || section, count(*) FROM articles WHERE state = 0 GROUP BY section;
    INSERT INTO counts (key, n) SELECT 'm:' || month, count(*) FROM articles WHERE state = 0 GROUP BY month;
    INSERT INTO counts (key, n) SELECT 'p:' || source_id, count(*) FROM articles WHERE state = 0 AND source_id IS NOT NULL GROUP BY source_id;
    INSERT INTO counts (key, n) SELECT 't', count(*) FROM articles WHERE state = 0 AND top = 1;
    INSERT INTO counts (key, n) SELECT 'g:' || tag_key, count(*) FROM tags WHERE state = 0 GROUP BY tag_key;
    INSERT INTO counts (key, n) SELECT 'n:' || tag_key || char(1) || spelling, count(*) FROM tags WHERE state = 0 GROUP BY tag_key, spelling;
  `);
  db.exec(COUNTERS);
}

/**
 * Indexes only readers use (list orders, tag pages, images): while an empty database is filled
 * with a whole archive they are dropped and made once at the end, which is several times faster
 * than keeping them in order through a million inserts.
 */
const READER_INDEXES = [
  "articles_feed",
  "articles_section",
  "articles_source",
  "articles_top",
  "articles_month",
  "articles_changed",
  "articles_month_changed",
  "articles_image",
  "tags_list",
];

/** Before filling an empty database: no reader indexes, no counting triggers (counted once at the end). */
export function dropReaderIndexes(db: BetterSqlite3.Database): void {
  for (const name of READER_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
  for (const name of TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

/** Makes what dropReaderIndexes dropped (the schema again), counts the lists, and merges the search table's segments. */
export function restoreReaderIndexes(db: BetterSqlite3.Database): void {
  db.exec(SCHEMA);
  db.transaction(() => recountAll(db))();
  db.exec("INSERT INTO search (search) VALUES ('optimize')");
}

export function readMeta(db: BetterSqlite3.Database, key: string): string | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: BetterSqlite3.Database, key: string, value: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
}
