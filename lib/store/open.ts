import type Database from "better-sqlite3";
import { statSync } from "node:fs";
import { Indexer, type IndexerOptions } from "./indexer";
import { LEASE_MS, WriterLease } from "./lease";
import { indexLocation } from "./location";
import { SqliteStore } from "./sqlite/reader";
import { createSchema, openDatabase, readMeta, SCHEMA_VERSION, writeMeta } from "./sqlite/schema";

export interface OpenStoreOptions extends IndexerOptions {
  /** The database file (default: indexLocation(root)). */
  file?: string;
  /** Compete for the writer's lease and index the folder when holding it (default true). */
  write?: boolean;
  /**
   * On a database with nothing in it yet, how long opening waits for the first indexing before
   * pages are served from what is indexed so far (a million articles take minutes: `npm run index`).
   */
  firstIndexWaitMs?: number;
}

/** How often a reader checks whether the database file was replaced (`npm run index -- --rebuild`). */
const FILE_CHECK_MS = 1000;

/**
 * Opens (or creates) a database with the current schema. A database of another schema version is
 * never read: its file is one of a different name (indexLocation), except when INDEX_DB names the
 * file itself; then its tables are dropped and it is built again.
 */
export function openIndexDatabase(file: string): Database.Database {
  const db = openDatabase(file);
  db.transaction(() => {
    const version = tableExists(db, "meta") ? readMeta(db, "schema_version") : undefined;
    if (version !== undefined && version !== String(SCHEMA_VERSION)) {
      for (const name of db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'")
        .pluck()
        .all() as string[])
        db.exec(`DROP TABLE IF EXISTS "${name}"`);
    }
    createSchema(db);
    writeMetaIfMissing(db, "schema_version", String(SCHEMA_VERSION));
    writeMetaIfMissing(db, "version", "1");
  }).immediate();
  return db;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function writeMetaIfMissing(db: Database.Database, key: string, value: string) {
  if (readMeta(db, key) === undefined) writeMeta(db, key, value);
}

function inode(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.ino ?? -1;
}

/**
 * A content folder's store for this process: reads from the shared database at once, and writes
 * to it when this process holds the writer's lease (another process may hold it; it takes over
 * when that one stops). Follows the file when it is replaced by a rebuild.
 */
export class OpenedStore {
  store!: SqliteStore;
  indexer?: Indexer;
  private db!: Database.Database;
  private lease!: WriterLease;
  private ino = -1;
  private checkedAt = 0;
  private timer?: NodeJS.Timeout;
  private electing?: Promise<void>;
  /** This process holds the writer's lease (its indexer may still be on its first pass). */
  private holding = false;
  private closed = false;

  private constructor(
    readonly root: string,
    readonly file: string,
    private readonly options: OpenStoreOptions,
  ) {}

  static async open(root: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
    const opened = new OpenedStore(root, options.file ?? indexLocation(root), options);
    const empty = opened.attach();
    if (options.write ?? true) {
      const first = opened.elect();
      // Readers never wait for the writer, except on a database with nothing in it yet: a small
      // site is indexed in a second, and serving it empty meanwhile would answer 404 everywhere.
      if (empty) await Promise.race([first, delay(options.firstIndexWaitMs ?? 30_000)]);
      opened.timer = setInterval(() => void opened.tick(), Math.min(LEASE_MS / 3, 3000));
      opened.timer.unref();
    }
    return opened;
  }

  /** The store, after checking (at most once a second) that its file is still the one opened. */
  current(): SqliteStore {
    const now = Date.now();
    if (now - this.checkedAt >= FILE_CHECK_MS) {
      this.checkedAt = now;
      const ino = inode(this.file);
      if (ino !== this.ino && ino !== -1) {
        this.options.log?.(`${this.file}: the index was replaced; reading the new one`);
        this.detach();
        this.attach();
        if (this.options.write ?? true) void this.elect();
      }
    }
    return this.store;
  }

  /**
   * Re-reads the named files (or everything) and resolves once they are written: at once when this
   * process is the writer; otherwise asked of the writer through the database, waited for up to
   * `waitMs` (false when the writer did not answer in time).
   */
  async refresh(paths: string[] | undefined, waitMs = 10_000): Promise<boolean> {
    this.current();
    if (this.indexer) {
      await this.indexer.refresh(paths);
      return true;
    }
    const id = Number(this.db.prepare("INSERT INTO requests (paths) VALUES (?)").run(JSON.stringify(paths ?? [])).lastInsertRowid);
    const done = this.db.prepare("SELECT done FROM requests WHERE id = ?").pluck();
    for (const deadline = Date.now() + waitMs; Date.now() < deadline; await delay(100)) if (done.get(id) !== 0) return true;
    return false;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.detach();
  }

  /** Opens the file; true when nothing has been indexed into it yet. */
  private attach(): boolean {
    this.db = openIndexDatabase(this.file);
    this.ino = inode(this.file);
    this.store = new SqliteStore(this.db);
    this.lease = new WriterLease(this.db);
    return readMeta(this.db, "catalog") === undefined;
  }

  private detach() {
    this.indexer?.close();
    if (this.holding) this.lease.release();
    this.holding = false;
    this.indexer = undefined;
    this.db.close();
  }

  /** Takes the writer's lease when free and starts indexing; one attempt at a time. */
  private elect(): Promise<void> {
    this.electing ??= (async () => {
      if (this.closed || this.holding || !this.lease.tryTake()) return;
      this.holding = true;
      this.indexer = await Indexer.open(this.root, this.db, this.options);
    })()
      .catch((err) => this.options.log?.(`cannot index ${this.root}: ${(err as Error).message}`))
      .finally(() => (this.electing = undefined));
    return this.electing;
  }

  private async tick() {
    if (this.closed) return;
    this.current();
    if (this.holding) {
      if (!this.lease.renew()) {
        this.options.log?.(`${this.file}: another process took over writing the index`);
        this.holding = false;
        this.indexer?.close();
        this.indexer = undefined;
      }
    } else await this.elect();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
