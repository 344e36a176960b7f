import type { Pool, PoolClient } from "pg";
import { RANK_WEIGHTS } from "./search";

/**
 * The PostgreSQL store's layout: the reader-visible tables of the SQLite index (lib/store/sqlite/
 * schema.ts), with the same names, columns and meaning, plus what app instances on other machines
 * cannot read from a content folder: each article file's text (bodies) and the media files.
 *
 * Only the mirror (lib/store/pg/mirror.ts) writes here, copying what the indexer's own SQLite
 * index holds; ids are the SQLite ids. Bump PG_SCHEMA_VERSION with any change: the mirror then
 * drops the tables and copies everything again (the Markdown files stay the truth).
 */
export const PG_SCHEMA_VERSION = 6;

/** The channel the mirror announces each new version on (`NOTIFY`); its payload is the version. */
export const CHANGES_CHANNEL = "svezhiy_store";

export const PG_TABLES = ["meta", "articles", "aliases", "tags", "media", "counts", "search_docs", "title_terms", "bodies", "media_files", "file_problems"];
/** The tables pages are listed and searched from (the others hold bodies, photos and problems). */
export const PG_READER_TABLES = ["meta", "articles", "aliases", "tags", "media", "counts", "search_docs", "title_terms"];

export const PG_SCHEMA = `
-- Every text is compared byte by byte (COLLATE "C"), as SQLite compares it: ties in lists are
-- broken by slug, and counts are read by key ranges ("n:<tag>\x01…"), which a language's
-- collation would order differently, or not at all for control characters.

CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C" NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
  id BIGINT PRIMARY KEY,
  file TEXT COLLATE "C" NOT NULL UNIQUE,
  slug TEXT COLLATE "C" NOT NULL,
  draft SMALLINT NOT NULL,
  state SMALLINT NOT NULL,
  date_ms BIGINT NOT NULL,
  changed_ms BIGINT NOT NULL,
  section TEXT COLLATE "C" NOT NULL,
  source_id TEXT COLLATE "C",
  top SMALLINT NOT NULL,
  month TEXT COLLATE "C" NOT NULL,
  image TEXT COLLATE "C",
  search_key BIGINT,
  data TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_slug ON articles (slug, state);
CREATE INDEX IF NOT EXISTS articles_feed ON articles (state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_section ON articles (section, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source_id, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_top ON articles (top, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_month ON articles (month, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_changed ON articles (state, changed_ms DESC, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS articles_month_changed ON articles (month, state, changed_ms DESC, date_ms DESC, slug);
-- The search joins up to 5,000 matches to their articles by search_key and keeps the published
-- ones: with state, date and slug in the index that is an index-only scan, not a read of each
-- match's article row (its JSON): 70 → 35 ms for a word in 3,590 of 100,000 articles.
CREATE UNIQUE INDEX IF NOT EXISTS articles_search ON articles (search_key) INCLUDE (state, date_ms, slug);

CREATE TABLE IF NOT EXISTS aliases (alias TEXT COLLATE "C" NOT NULL, article_id BIGINT NOT NULL, PRIMARY KEY (alias, article_id));
CREATE INDEX IF NOT EXISTS aliases_article ON aliases (article_id);

CREATE TABLE IF NOT EXISTS tags (
  tag_key TEXT COLLATE "C" NOT NULL,
  article_id BIGINT NOT NULL,
  spelling TEXT COLLATE "C" NOT NULL,
  state SMALLINT NOT NULL,
  date_ms BIGINT NOT NULL,
  slug TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (tag_key, article_id)
);
CREATE INDEX IF NOT EXISTS tags_list ON tags (tag_key, state, date_ms DESC, slug);
CREATE INDEX IF NOT EXISTS tags_article ON tags (article_id);

CREATE TABLE IF NOT EXISTS media (path TEXT COLLATE "C" PRIMARY KEY, stamp TEXT COLLATE "C" NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL);

-- Copied from the SQLite index's counts for the keys a change touched (see the mirror).
CREATE TABLE IF NOT EXISTS counts (key TEXT COLLATE "C" PRIMARY KEY, n BIGINT NOT NULL);

-- The search: one row per article in SQLite's full-text table, keyed the same way (publication
-- second and id), its terms the same Snowball terms, weighted title A, tags B, lead C, body D.
-- doc, for finding, also holds the term of the article's month (lib/store/pg/window.ts says why);
-- head, for ranking, only the title, tags and lead (lib/store/pg/search.ts).
CREATE TABLE IF NOT EXISTS search_docs (search_key BIGINT PRIMARY KEY, head TSVECTOR NOT NULL, doc TSVECTOR NOT NULL);
CREATE INDEX IF NOT EXISTS search_docs_doc ON search_docs USING GIN (doc);
-- The newest n matches of a tsquery, found by the GIN index only (bitmap scans): seeing a common
-- word, the planner would walk the key index backwards, or the table, testing each document (some
-- 20 µs a row: over a second at a million articles). The search (lib/store/pg/window.ts) asks for
-- a few months at a time, so that the matches the index finds are about as many as it keeps.
-- A function, not a query, so that its SET applies to it alone; its plan is the same for every
-- query (it does not depend on how common the planner thinks the words are). search_key + 0:
-- not the key's index, whose bitmap of every key below the limit (all of them) the plan would
-- otherwise AND with the matches' (37 ms at 100,000 articles, for 415 matches). Each match's rank
-- (by rank_q; 0 without one) is taken before the sort, which then moves a key and a number per
-- row, not the row's head (14 of 20 ms for 4,453 matches).
CREATE OR REPLACE FUNCTION search_window(q tsquery, rank_q tsquery, key_limit bigint, n integer)
  RETURNS TABLE (search_key bigint, r real)
  LANGUAGE sql STABLE SET enable_seqscan = off SET enable_indexscan = off
  AS $fn$ SELECT d.search_key, CASE WHEN rank_q IS NULL THEN 0 ELSE ts_rank('${RANK_WEIGHTS}', d.head, rank_q, 1) END
    FROM search_docs d WHERE d.doc @@ q AND d.search_key + 0 <= key_limit ORDER BY d.search_key DESC LIMIT n $fn$;

-- «По теме» (lib/store/related.ts): the newest articles whose title or tags hold a term, read as
-- SQLite reads its full-text table's title and tags columns, in key order. A GIN index has no
-- order: the newest 30 of a common headline word meant all its matches, or the key index walked
-- backwards testing each row's doc for the word in title or tags, which forces a read of the whole
-- doc (16 ms an article page at 100,000 articles, 41 ms for one word). Here each word is a range
-- of 30 index entries, read without the table (VACUUM keeps it all-visible): under 2 ms a page.
-- About 8 rows an article (86 MB at 100,000). No index by key: the mirror deletes an article's
-- rows by (term, key), the terms being those of its head, which holds the title and tags.
CREATE TABLE IF NOT EXISTS title_terms (term TEXT COLLATE "C" NOT NULL, search_key BIGINT NOT NULL, PRIMARY KEY (term, search_key));

-- What app instances without a content folder render bodies and serve photos from.
CREATE TABLE IF NOT EXISTS bodies (file TEXT COLLATE "C" PRIMARY KEY, stamp TEXT COLLATE "C" NOT NULL, text TEXT COLLATE "C" NOT NULL);
CREATE TABLE IF NOT EXISTS media_files (path TEXT COLLATE "C" PRIMARY KEY, stamp TEXT COLLATE "C" NOT NULL, bytes BYTEA NOT NULL);

-- Problems of article files (the SQLite index's files.problems that are set).
CREATE TABLE IF NOT EXISTS file_problems (path TEXT COLLATE "C" PRIMARY KEY, problems TEXT COLLATE "C" NOT NULL);
`;

type Queryable = Pool | PoolClient;

/** Creates the tables, or drops and recreates them when they were made by another schema version. */
export async function preparePgSchema(db: Queryable): Promise<{ recreated: boolean }> {
  await db.query("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const { rows } = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'schema'");
  const recreated = rows[0]?.value !== String(PG_SCHEMA_VERSION);
  if (recreated) {
    await db.query(`DROP TABLE IF EXISTS ${PG_TABLES.join(", ")}`);
    await db.query("DROP FUNCTION IF EXISTS search_window");
    await db.query(PG_SCHEMA);
    await db.query("INSERT INTO meta (key, value) VALUES ('schema', $1)", [String(PG_SCHEMA_VERSION)]);
  } else await db.query(PG_SCHEMA);
  return { recreated };
}

export async function readPgMeta(db: Queryable, key: string): Promise<string | undefined> {
  const { rows } = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = $1", [key]);
  return rows[0]?.value;
}

export async function writePgMeta(db: Queryable, key: string, value: string): Promise<void> {
  await db.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]);
}
