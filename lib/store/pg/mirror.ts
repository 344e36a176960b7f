import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type { Pool, PoolClient } from "pg";
import { readArticleFile } from "@/lib/content/load";
import { PARALLEL_FROM } from "@/lib/store/parse-pool";
import { readMeta, writeMeta } from "@/lib/store/sqlite/schema";
import { CHANGES_CHANNEL, PG_READER_TABLES, PG_TABLES, preparePgSchema, readPgMeta } from "./schema";
import { searchRow, type SearchRow } from "./search-rows";
import { SearchRowThreads, searchRowThreadCount } from "./search-rows-threads";
import { createStaging, indexAndSwap, LIVE_TABLES, STAGED_TABLES, STAGING_TABLES, type Tables } from "./staging";

/*
 * The mirror: copies what readers see of the indexer's SQLite index into PostgreSQL, for app
 * instances on other machines. The indexer stays as it is (one writer, the files the truth); the
 * SQLite index logs which rows changed (triggers into `mirror_changes`), and the mirror applies
 * them to PostgreSQL in one transaction per batch, which also bumps the version and NOTIFYs it.
 * Bodies (the files' text) and photos go along, since those instances have no content folder.
 *
 * Delivery is at least once: a batch is removed from the log only after PostgreSQL committed it,
 * so a mirror that lost the database catches up from the log when it comes back.
 */

/** Meta keys readers use, copied as they change. */
const META_KEYS = ["catalog", "catalog_problems", "media_problems", "listing_problems", "building"];
/** More pending changes than this are copied as a whole archive instead, in one transaction. */
const FULL_COPY_FROM = 20_000;
/** search_docs rows a whole copy reads into PostgreSQL's buffers, newest first (warmSearch): about 170 MB at a million articles. */
const WARM_SEARCH_ROWS = 200_000;
/** Articles (with their tags, aliases, bodies) per statement of a whole copy. */
const COPY_CHUNK = 500;
/** How often PostgreSQL is asked, while nothing changes, whether it still holds this index. */
const EPOCH_CHECK_MS = 30_000;
/** A photo larger than this is not put in the database (it is refused as a photo long before). */
const MAX_MEDIA_BYTES = 25 * 1024 * 1024;

const CHANGE_LOG = `
CREATE TABLE IF NOT EXISTS mirror_changes (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS mirror_article_added AFTER INSERT ON articles BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('a', NEW.id); END;
CREATE TRIGGER IF NOT EXISTS mirror_article_changed AFTER UPDATE ON articles BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('a', NEW.id); END;
CREATE TRIGGER IF NOT EXISTS mirror_article_removed AFTER DELETE ON articles BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('a', OLD.id); END;
CREATE TRIGGER IF NOT EXISTS mirror_tags_changed AFTER UPDATE ON tags BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('a', NEW.article_id); END;
CREATE TRIGGER IF NOT EXISTS mirror_media_added AFTER INSERT ON media BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('m', NEW.path); END;
CREATE TRIGGER IF NOT EXISTS mirror_media_changed AFTER UPDATE ON media BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('m', NEW.path); END;
CREATE TRIGGER IF NOT EXISTS mirror_media_removed AFTER DELETE ON media BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('m', OLD.path); END;
CREATE TRIGGER IF NOT EXISTS mirror_file_added AFTER INSERT ON files WHEN NEW.problems IS NOT NULL BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('f', NEW.path); END;
CREATE TRIGGER IF NOT EXISTS mirror_file_changed AFTER UPDATE ON files WHEN NEW.problems IS NOT OLD.problems BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('f', NEW.path); END;
CREATE TRIGGER IF NOT EXISTS mirror_file_removed AFTER DELETE ON files WHEN OLD.problems IS NOT NULL BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('f', OLD.path); END;
CREATE TRIGGER IF NOT EXISTS mirror_meta_added AFTER INSERT ON meta WHEN NEW.key IN (${META_KEYS.map((k) => `'${k}'`).join(", ")}) BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('k', NEW.key); END;
CREATE TRIGGER IF NOT EXISTS mirror_meta_changed AFTER UPDATE ON meta WHEN NEW.key IN (${META_KEYS.map((k) => `'${k}'`).join(", ")}) AND NEW.value IS NOT OLD.value BEGIN INSERT INTO mirror_changes (kind, key) VALUES ('k', NEW.key); END;
`;

/** Makes the SQLite index log its changes for a mirror; the index's identity decides whether a whole copy is due. */
export function attachChangeLog(db: Database.Database): string {
  db.exec(CHANGE_LOG);
  let epoch = readMeta(db, "mirror_epoch");
  if (!epoch) {
    epoch = randomUUID();
    writeMeta(db, "mirror_epoch", epoch);
  }
  return epoch;
}

interface ArticleRow {
  id: number;
  file: string;
  slug: string;
  draft: number;
  state: number;
  date_ms: number;
  changed_ms: number;
  section: string;
  source_id: string | null;
  top: number;
  month: string;
  image: string | null;
  search_key: bigint | null;
  data: string;
}

interface TagRow {
  tag_key: string;
  article_id: number;
  spelling: string;
  state: number;
  date_ms: number;
  slug: string;
}

/** What one batch copies, read from SQLite at one moment (no await in between). */
interface Snapshot {
  articles: ArticleRow[];
  goneArticles: number[];
  tags: TagRow[];
  aliases: { alias: string; article_id: number }[];
  media: { path: string; stamp: string; width: number; height: number }[];
  goneMedia: string[];
  fileProblems: { path: string; problems: string }[];
  goneFileProblems: string[];
  meta: { key: string; value: string }[];
  /** Counts of the keys the batch touched (all of them for a whole copy); a key absent is zero. */
  counts: Map<string, number>;
  /** File stamps of the articles copied, for their bodies. */
  stamps: Map<string, string>;
}

export interface MirrorOptions {
  /** The content folder the article files and photos are read from (their text and bytes go along). */
  root?: string;
  /** Each article's file text when there is no folder (tests). */
  text?: (file: string) => string | undefined;
  log?: (line: string) => void;
  /** Worker threads for a whole copy's search rows (0: on the copy's own thread); by default one less than the cores, none for a small archive. */
  searchThreads?: number;
  /** How long a whole copy's swap waits for readers' locks before trying again (staging.ts; tests shorten it). */
  swapLockWaitMs?: number;
}

export interface MirrorResult {
  articles: number;
  removed: number;
  whole: boolean;
  version: number;
}

/**
 * One mirror per PostgreSQL database: `sync()` copies what changed since the last call, or
 * everything when PostgreSQL holds another index (or none). Not re-entrant: callers wait for one
 * sync before the next (MirrorLoop does).
 */
export class Mirror {
  private readonly epoch: string;
  private readonly log: (line: string) => void;
  private prepared = false;
  private epochCheckedAt = -Infinity;

  constructor(
    private readonly db: Database.Database,
    private readonly pool: Pool,
    private readonly options: MirrorOptions = {},
  ) {
    this.epoch = attachChangeLog(db);
    this.log = options.log ?? ((line) => console.error(`[mirror] ${line}`));
  }

  /** Whether anything waits to be copied. */
  pending(): boolean {
    return this.db.prepare("SELECT 1 FROM mirror_changes LIMIT 1").pluck().get() !== undefined;
  }

  async sync(): Promise<MirrorResult | undefined> {
    if (!this.prepared) {
      await preparePgSchema(this.pool);
      this.prepared = true;
    }
    // With nothing logged, PostgreSQL is asked only now and then whether it still holds this index
    // (a database restored from elsewhere, or emptied, is then copied again in full).
    const pending = this.pending();
    if (!pending && Date.now() - this.epochCheckedAt < EPOCH_CHECK_MS) return undefined;
    this.epochCheckedAt = Date.now();
    const whole = (await readPgMeta(this.pool, "epoch")) !== this.epoch || this.pendingArticles() > FULL_COPY_FROM;
    if (!whole && !pending) return undefined;
    const client = await this.pool.connect();
    let version = 0;
    let result: Omit<MirrorResult, "version">;
    let upTo: number;
    try {
      await client.query("BEGIN");
      if (whole) {
        upTo = this.lastSeq();
        await this.clear(client);
        const articles = await this.copyWhole(client);
        result = { articles, removed: 0, whole: true };
      } else {
        // The changes logged so far; the lists PostgreSQL counted their articles in, then one
        // synchronous read of SQLite (the indexer cannot write in between) of their new rows and
        // the counts of old and new lists alike.
        upTo = this.lastSeq();
        const oldKeys = await this.oldCountKeys(client, this.changedArticleIds(upTo));
        const snapshot = this.readChanges(upTo, oldKeys);
        const texts = await this.readTexts(snapshot.articles);
        const bytes = await this.readMedia(snapshot.media);
        await this.removeOld(client, snapshot);
        await this.insert(client, snapshot, texts, bytes);
        result = { articles: snapshot.articles.length, removed: snapshot.goneArticles.length, whole: false };
      }
      const { rows } = await client.query<{ value: string }>(
        `INSERT INTO meta (key, value) VALUES ('version', '1')
         ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text RETURNING value`,
      );
      version = Number(rows[0]!.value);
      await client.query("INSERT INTO meta (key, value) VALUES ('epoch', $1), ('mirrored_at', $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
        this.epoch,
        String(Date.now()),
      ]);
      await client.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, String(version)]);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    this.db.prepare("DELETE FROM mirror_changes WHERE seq <= ?").run(upTo);
    if (whole) await this.tidyAfterWholeCopy();
    return { ...result, version };
  }

  /**
   * After a whole copy, the planner has no statistics of the new rows and no page is marked all
   * visible until autovacuum comes by (a minute or more): searches then guessed their plans and
   * read every match's article row instead of the index (lib/store/pg/schema.ts, articles_search).
   * VACUUM (ANALYZE) does both now, of every table copied: left to autovacuum, the bodies and
   * photos (GB at a million articles, inserted once) were vacuumed in the first minutes the
   * instances served, beside them on the same cores. It runs without the pool's statement timeout
   * (connect.ts, 5 s), which cancelled it at a million articles, and so left even the statistics
   * to autovacuum: the tables readers query first, then the rest. About 2 s at 100,000 articles.
   * A failure only leaves that to autovacuum.
   */
  private async tidyAfterWholeCopy(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("SET statement_timeout = 0");
      for (const tables of [PG_READER_TABLES, PG_TABLES.filter((t) => !PG_READER_TABLES.includes(t))]) {
        const started = performance.now();
        await client.query(`VACUUM (ANALYZE) ${tables.join(", ")}`);
        this.log(`VACUUM (ANALYZE) ${tables.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      await this.warmSearch(client);
    } catch (err) {
      this.log(`tidying after the whole copy failed (${(err as Error).message}); autovacuum will do it, and searches warm the buffers`);
    } finally {
      await client.query("RESET statement_timeout").catch(() => undefined);
      client.release();
    }
  }

  /**
   * A whole copy leaves PostgreSQL's buffers holding what it wrote last, not what searches read.
   * At a million articles the scale bench's searches then took 89 / 67 / 56 ms at p95 (1 / 2 / 3
   * words, the store's part) against 33 / 49 / 48 warm, and after a restart of the server 403 ms
   * for one word. Read now: the newest rows of search_docs (whose ranks the window reads), through
   * the key index, since a sequential scan of a large table goes through a small ring of buffers
   * of its own and leaves them cold (0.4 s; one word then 75 ms after a restart); and with the
   * pg_prewarm extension, where the database has it (docs/production.md), the search's GIN index
   * and the articles' search index too (0.2 s more; 60 / 54 / 51 ms).
   */
  private async warmSearch(client: PoolClient): Promise<void> {
    const started = performance.now();
    await client.query("SELECT sum(pg_column_size(head)) FROM (SELECT head FROM search_docs ORDER BY search_key DESC LIMIT $1) s", [WARM_SEARCH_ROWS]);
    const { rows } = await client.query<{ ok: boolean }>("SELECT to_regproc('pg_prewarm') IS NOT NULL AS ok");
    if (rows[0]?.ok) await client.query("SELECT pg_prewarm('search_docs_doc'), pg_prewarm('articles_search')");
    const what = rows[0]?.ok ? "and its indexes (pg_prewarm)" : "(no pg_prewarm for its indexes)";
    this.log(`warmed the search: the newest ${WARM_SEARCH_ROWS} rows ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  private lastSeq(): number {
    return Number(this.db.prepare("SELECT coalesce(max(seq), 0) FROM mirror_changes").pluck().get());
  }

  private pendingArticles(): number {
    return Number(
      this.db
        .prepare(`SELECT count(*) FROM (SELECT 1 FROM mirror_changes WHERE kind = 'a' LIMIT ${FULL_COPY_FROM + 1})`)
        .pluck()
        .get(),
    );
  }

  /**
   * Everything, in chunks of articles read from SQLite between writes to PostgreSQL (a million
   * rows at once would not fit in memory). An article the indexer changes meanwhile has a change
   * logged after the copy began, which the next sync applies over it.
   */
  private async copyWhole(client: PoolClient): Promise<number> {
    const db = this.db;
    // Rows go into tables of their own without indexes, built once every row is in, and swapped
    // in for the live ones at the end (staging.ts says why): readers see the old archive until then.
    await createStaging(client);
    const chunkOf = db.prepare("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?").safeIntegers(true);
    // The next chunk is read, and its search rows made on worker threads, while PostgreSQL stores
    // this one: the rows' Snowball terms were most of the copy's time, on this thread, with
    // PostgreSQL idle meanwhile (a million articles: this process 80 % of a core, PostgreSQL 34 %).
    const total = Number(db.prepare("SELECT count(*) FROM articles").pluck().get());
    const threadCount = this.options.searchThreads ?? (total >= PARALLEL_FROM ? searchRowThreadCount() : 0);
    const threads = threadCount > 0 ? new SearchRowThreads(threadCount) : undefined;
    const prepare = async (after: number) => {
      const articles = (chunkOf.all(after, COPY_CHUNK) as Record<string, unknown>[]).map(articleRow);
      if (articles.length === 0) return undefined;
      const part = this.related(articles);
      const texts = await this.readTexts(articles);
      const searched = articles.filter((a) => a.search_key !== null);
      const inputs = searched.map((a) => ({ data: a.data, month: a.month, text: texts.get(a.file) }));
      const rows = threads ? await threads.rows(inputs) : inputs.map(searchRow);
      return { part, texts, search: new Map(searched.map((a, i) => [a.id, rows[i]!])) };
    };
    let copied = 0;
    try {
      let next = prepare(0);
      for (;;) {
        const current = await next;
        if (!current) break;
        next = prepare(current.part.articles[current.part.articles.length - 1]!.id);
        // Awaited on the next turn; a failure of this chunk's insert must not leave it unhandled.
        next.catch(() => undefined);
        await this.insert(client, current.part, current.texts, new Map(), STAGING_TABLES, current.search);
        copied += current.part.articles.length;
        if (copied % 50_000 < COPY_CHUNK) this.log(`copied ${copied} articles`);
      }
    } finally {
      await threads?.close();
    }
    const media = db.prepare("SELECT path, stamp, width, height FROM media").all() as Snapshot["media"];
    for (let i = 0; i < media.length; i += 64) {
      const chunk = media.slice(i, i + 64);
      await this.insert(client, { ...emptySnapshot(), media: chunk }, new Map(), await this.readMedia(chunk));
    }
    await this.insert(
      client,
      {
        ...emptySnapshot(),
        fileProblems: db.prepare("SELECT path, problems FROM files WHERE problems IS NOT NULL").all() as Snapshot["fileProblems"],
        meta: db.prepare(`SELECT key, value FROM meta WHERE key IN (${META_KEYS.map(() => "?").join(", ")})`).all(...META_KEYS) as Snapshot["meta"],
        counts: new Map((db.prepare("SELECT key, n FROM counts").all() as { key: string; n: number }[]).map((r) => [r.key, Number(r.n)])),
      },
      new Map(),
      new Map(),
    );
    await indexAndSwap(client, this.log, this.options.swapLockWaitMs);
    return copied;
  }

  /** The tags, aliases and file stamps of these articles, as SQLite has them now. */
  private related(articles: ArticleRow[]): Snapshot {
    const db = this.db;
    const tagsOf = db.prepare("SELECT * FROM tags WHERE article_id = ?");
    const aliasesOf = db.prepare("SELECT alias, article_id FROM aliases WHERE article_id = ?");
    const stampOf = db.prepare("SELECT stamp FROM files WHERE path = ?").pluck();
    const out = { ...emptySnapshot(), articles };
    for (const a of articles) {
      out.tags.push(...(tagsOf.all(a.id) as TagRow[]));
      out.aliases.push(...(aliasesOf.all(a.id) as { alias: string; article_id: number }[]));
      const stamp = stampOf.get(a.file) as string | undefined;
      if (stamp) out.stamps.set(a.file, stamp);
    }
    return out;
  }

  private changedArticleIds(upTo: number): number[] {
    return (this.db.prepare("SELECT DISTINCT key FROM mirror_changes WHERE kind = 'a' AND seq <= ?").pluck().all(upTo) as string[]).map(Number);
  }

  /** The `counts` keys of the lists PostgreSQL has these articles in now. */
  private async oldCountKeys(client: PoolClient, ids: number[]): Promise<Set<string>> {
    const keys = new Set<string>();
    if (ids.length === 0) return keys;
    const old = await client.query<ArticleRow>("SELECT section, month, source_id, top FROM articles WHERE id = ANY($1::bigint[]) AND state = 0", [ids]);
    const oldTags = await client.query<TagRow>("SELECT tag_key, spelling FROM tags WHERE article_id = ANY($1::bigint[]) AND state = 0", [ids]);
    for (const a of old.rows) for (const k of articleCountKeys(a)) keys.add(k);
    for (const t of oldTags.rows) for (const k of tagCountKeys(t)) keys.add(k);
    return keys;
  }

  /** What the changes up to `upTo` touched, read from SQLite at one moment (no await in between). */
  private readChanges(upTo: number, oldKeys: Set<string>): Snapshot {
    const db = this.db;
    const changes = db.prepare("SELECT kind, key FROM mirror_changes WHERE seq <= ?").all(upTo) as { kind: string; key: string }[];
    const ids = new Set<number>();
    const media = new Set<string>();
    const files = new Set<string>();
    const meta = new Set<string>();
    for (const c of changes) {
      if (c.kind === "a") ids.add(Number(c.key));
      else if (c.kind === "m") media.add(c.key);
      else if (c.kind === "f") files.add(c.key);
      else if (c.kind === "k") meta.add(c.key);
    }
    const byId = db.prepare("SELECT * FROM articles WHERE id = ?").safeIntegers(true);
    const articles: ArticleRow[] = [];
    const goneArticles: number[] = [];
    for (const id of ids) {
      const row = byId.get(id) as Record<string, unknown> | undefined;
      if (row) articles.push(articleRow(row));
      else goneArticles.push(id);
    }
    const snapshot: Snapshot = { ...this.related(articles), goneArticles };
    const mediaRow = db.prepare("SELECT path, stamp, width, height FROM media WHERE path = ?");
    for (const p of media) {
      const row = mediaRow.get(p) as Snapshot["media"][number] | undefined;
      if (row) snapshot.media.push(row);
      else snapshot.goneMedia.push(p);
    }
    const problemsOf = db.prepare("SELECT problems FROM files WHERE path = ?").pluck();
    for (const p of files) {
      const problems = problemsOf.get(p) as string | null | undefined;
      if (problems) snapshot.fileProblems.push({ path: p, problems });
      else snapshot.goneFileProblems.push(p);
    }
    const metaValue = db.prepare("SELECT value FROM meta WHERE key = ?").pluck();
    for (const k of meta) {
      const value = metaValue.get(k) as string | undefined;
      if (value !== undefined) snapshot.meta.push({ key: k, value });
    }
    // Every list a changed article was in (oldKeys) or is in now, counted as SQLite counts it.
    const keys = new Set(oldKeys);
    for (const a of articles) if (a.state === 0) for (const k of articleCountKeys(a)) keys.add(k);
    for (const t of snapshot.tags) if (t.state === 0) for (const k of tagCountKeys(t)) keys.add(k);
    const countOf = db.prepare("SELECT n FROM counts WHERE key = ?").pluck();
    for (const k of keys) snapshot.counts.set(k, Number(countOf.get(k) ?? 0));
    return snapshot;
  }

  /** Each copied article's file text: its body, rendered by app instances, and its words, searched. */
  private async readTexts(articles: ArticleRow[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const files = articles.map((a) => a.file);
    for (let i = 0; i < files.length; i += 64) {
      await Promise.all(
        files.slice(i, i + 64).map(async (file) => {
          const text = await this.textOf(file);
          if (text !== undefined) out.set(file, text);
        }),
      );
    }
    return out;
  }

  private async textOf(file: string): Promise<string | undefined> {
    if (this.options.text) return this.options.text(file);
    if (!this.options.root) return undefined;
    const read = await readArticleFile(this.options.root, file);
    return "text" in read ? read.text : undefined;
  }

  private async readMedia(media: Snapshot["media"]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    const root = this.options.root;
    if (!root) return out;
    for (const m of media) {
      const full = path.join(root, ...m.path.split("/"));
      try {
        const stat = await fs.stat(full);
        if (stat.size > MAX_MEDIA_BYTES) {
          this.log(`${m.path}: file: ${stat.size} bytes, more than the ${MAX_MEDIA_BYTES} a photo may have in the database`);
          continue;
        }
        out.set(m.path, await fs.readFile(full));
      } catch (err) {
        this.log(`${m.path}: file: cannot be read: ${(err as Error).message}`);
      }
    }
    return out;
  }

  private async clear(client: PoolClient): Promise<void> {
    // DELETE, not TRUNCATE: readers keep seeing the old archive until this transaction commits.
    // meta is written key by key; the large tables are built anew beside the old ones (staging.ts).
    for (const table of PG_TABLES.filter((t) => t !== "meta" && !(STAGED_TABLES as readonly string[]).includes(t))) await client.query(`DELETE FROM ${table}`);
  }

  /** Removes what PostgreSQL has of the changed articles, photos and files, before insert() puts their new rows. */
  private async removeOld(client: PoolClient, s: Snapshot): Promise<void> {
    const ids = [...s.articles.map((a) => a.id), ...s.goneArticles];
    if (ids.length > 0) {
      // By (term, key), the primary key: an article's title and tags terms are among its head's.
      await client.query(
        `DELETE FROM title_terms WHERE (term, search_key) IN (
           SELECT unnest(tsvector_to_array(d.head)), d.search_key FROM articles a JOIN search_docs d ON d.search_key = a.search_key WHERE a.id = ANY($1::bigint[]))`,
        [ids],
      );
      await client.query(
        "DELETE FROM search_docs WHERE search_key IN (SELECT search_key FROM articles WHERE id = ANY($1::bigint[]) AND search_key IS NOT NULL)",
        [ids],
      );
      await client.query("DELETE FROM bodies WHERE file IN (SELECT file FROM articles WHERE id = ANY($1::bigint[]))", [ids]);
      await client.query("DELETE FROM tags WHERE article_id = ANY($1::bigint[])", [ids]);
      await client.query("DELETE FROM aliases WHERE article_id = ANY($1::bigint[])", [ids]);
      await client.query("DELETE FROM articles WHERE id = ANY($1::bigint[])", [ids]);
    }
    if (s.goneMedia.length) {
      await client.query("DELETE FROM media WHERE path = ANY($1::text[])", [s.goneMedia]);
      await client.query("DELETE FROM media_files WHERE path = ANY($1::text[])", [s.goneMedia]);
    }
    if (s.goneFileProblems.length) await client.query("DELETE FROM file_problems WHERE path = ANY($1::text[])", [s.goneFileProblems]);
  }

  /** Puts the snapshot's rows (none of which PostgreSQL has now), and the counts it carries. */
  private async insert(
    client: PoolClient,
    s: Snapshot,
    texts: Map<string, string>,
    bytes: Map<string, Buffer>,
    tables: Tables = LIVE_TABLES,
    search?: ReadonlyMap<number, SearchRow>,
  ): Promise<void> {
    for (let i = 0; i < s.articles.length; i += COPY_CHUNK) {
      const chunk = s.articles.slice(i, i + COPY_CHUNK);
      await client.query(
        `INSERT INTO ${tables.articles} (id, file, slug, draft, state, date_ms, changed_ms, section, source_id, top, month, image, search_key, data)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[], $5::smallint[], $6::bigint[], $7::bigint[], $8::text[],
           $9::text[], $10::smallint[], $11::text[], $12::text[], $13::bigint[], $14::text[])`,
        [
          chunk.map((a) => a.id),
          chunk.map((a) => a.file),
          chunk.map((a) => a.slug),
          chunk.map((a) => a.draft),
          chunk.map((a) => a.state),
          chunk.map((a) => a.date_ms),
          chunk.map((a) => a.changed_ms),
          chunk.map((a) => a.section),
          chunk.map((a) => a.source_id),
          chunk.map((a) => a.top),
          chunk.map((a) => a.month),
          chunk.map((a) => a.image),
          chunk.map((a) => (a.search_key === null ? null : String(a.search_key))),
          chunk.map((a) => a.data),
        ],
      );
      const withText = chunk.filter((a) => texts.has(a.file));
      if (withText.length)
        await client.query(`INSERT INTO ${tables.bodies} (file, stamp, text) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
          withText.map((a) => a.file),
          withText.map((a) => s.stamps.get(a.file) ?? ""),
          withText.map((a) => texts.get(a.file)!),
        ]);
      // The search holds what SQLite's full-text table holds: articles with a search key.
      const searched = chunk.filter((a) => a.search_key !== null);
      if (searched.length) {
        const rows = searched.map((a) => search?.get(a.id) ?? searchRow({ data: a.data, month: a.month, text: texts.get(a.file) }));
        await client.query(
          `INSERT INTO ${tables.search_docs} (search_key, head, doc) SELECT k, h::tsvector, d::tsvector FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(k, h, d)`,
          [searched.map((a) => String(a.search_key)), rows.map((r) => r.head), rows.map((r) => r.doc)],
        );
        const terms = rows.flatMap((r, j) => r.terms.map((term) => [term, String(searched[j]!.search_key)] as const));
        await client.query(`INSERT INTO ${tables.title_terms} (term, search_key) SELECT * FROM unnest($1::text[], $2::bigint[])`, [
          terms.map(([term]) => term),
          terms.map(([, k]) => k),
        ]);
      }
    }
    for (let i = 0; i < s.tags.length; i += COPY_CHUNK * 4) {
      const chunk = s.tags.slice(i, i + COPY_CHUNK * 4);
      await client.query(
        `INSERT INTO ${tables.tags} (tag_key, article_id, spelling, state, date_ms, slug) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::smallint[], $5::bigint[], $6::text[])`,
        [
          chunk.map((t) => t.tag_key),
          chunk.map((t) => t.article_id),
          chunk.map((t) => t.spelling),
          chunk.map((t) => t.state),
          chunk.map((t) => t.date_ms),
          chunk.map((t) => t.slug),
        ],
      );
    }
    for (let i = 0; i < s.aliases.length; i += COPY_CHUNK * 4) {
      const chunk = s.aliases.slice(i, i + COPY_CHUNK * 4);
      await client.query(`INSERT INTO ${tables.aliases} (alias, article_id) SELECT * FROM unnest($1::text[], $2::bigint[])`, [
        chunk.map((a) => a.alias),
        chunk.map((a) => a.article_id),
      ]);
    }
    for (const m of s.media) {
      await client.query(
        "INSERT INTO media (path, stamp, width, height) VALUES ($1, $2, $3, $4) ON CONFLICT (path) DO UPDATE SET stamp = excluded.stamp, width = excluded.width, height = excluded.height",
        [m.path, m.stamp, m.width, m.height],
      );
      const data = bytes.get(m.path);
      if (data)
        await client.query(
          "INSERT INTO media_files (path, stamp, bytes) VALUES ($1, $2, $3) ON CONFLICT (path) DO UPDATE SET stamp = excluded.stamp, bytes = excluded.bytes",
          [m.path, m.stamp, data],
        );
    }
    for (const f of s.fileProblems)
      await client.query("INSERT INTO file_problems (path, problems) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET problems = excluded.problems", [
        f.path,
        f.problems,
      ]);
    for (const m of s.meta)
      await client.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [m.key, m.value]);
    const counted = [...s.counts].filter(([, n]) => n !== 0);
    const zero = [...s.counts].filter(([, n]) => n === 0).map(([k]) => k);
    if (zero.length) await client.query("DELETE FROM counts WHERE key = ANY($1::text[])", [zero]);
    for (let i = 0; i < counted.length; i += COPY_CHUNK * 4) {
      const chunk = counted.slice(i, i + COPY_CHUNK * 4);
      await client.query("INSERT INTO counts (key, n) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (key) DO UPDATE SET n = excluded.n", [
        chunk.map(([k]) => k),
        chunk.map(([, n]) => n),
      ]);
    }
  }
}

/** The `counts` keys of an article's lists (lib/store/sqlite/schema.ts's triggers). */
function articleCountKeys(a: Pick<ArticleRow, "section" | "month" | "source_id" | "top">): string[] {
  const out = ["a", `s:${a.section}`, `m:${a.month}`];
  if (a.source_id !== null) out.push(`p:${a.source_id}`);
  if (Number(a.top) === 1) out.push("t");
  return out;
}

function tagCountKeys(t: Pick<TagRow, "tag_key" | "spelling">): string[] {
  return [`g:${t.tag_key}`, `n:${t.tag_key}\u0001${t.spelling}`];
}

/** A row of SQLite's articles read with safe integers: the search key (publication second << 30) needs 64 bits. */
function articleRow(r: Record<string, unknown>): ArticleRow {
  return {
    id: Number(r.id),
    file: r.file as string,
    slug: r.slug as string,
    draft: Number(r.draft),
    state: Number(r.state),
    date_ms: Number(r.date_ms),
    changed_ms: Number(r.changed_ms),
    section: r.section as string,
    source_id: (r.source_id as string | null) ?? null,
    top: Number(r.top),
    month: r.month as string,
    image: (r.image as string | null) ?? null,
    search_key: r.search_key === null || r.search_key === undefined ? null : BigInt(r.search_key as bigint),
    data: r.data as string,
  };
}

function emptySnapshot(): Snapshot {
  return {
    articles: [],
    goneArticles: [],
    tags: [],
    aliases: [],
    media: [],
    goneMedia: [],
    fileProblems: [],
    goneFileProblems: [],
    meta: [],
    counts: new Map(),
    stamps: new Map(),
  };
}
