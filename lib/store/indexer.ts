import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { IMAGE_EXTENSIONS } from "@/lib/mime";
import type { MediaInfo } from "@/lib/content/build-index";
import { readMedia, readSiteAndSections, readSources, toPosix, walk, type MediaCache, type SiteAndSections } from "@/lib/content/load";
import { SOURCES_FILE } from "@/lib/content/sources";
import { TreeWatcher, type TreeChange } from "@/lib/content/tree-watcher";
import { formatProblem, type ContentProblem, type SourceInfo } from "@/lib/content/types";
import { folderStampSync, fullPath, readFolder, stampOfSync } from "./listing";
import { parseFile, type ParseContext } from "./parse";
import { PARALLEL_FROM, parseOnThreads } from "./parse-pool";
import { dropReaderIndexes, readMeta, restoreReaderIndexes, writeMeta } from "./sqlite/schema";
import { dirOf, SqliteWriter, type FileRecord } from "./sqlite/writer";

export interface IndexerOptions {
  /** The shortest time between two checks of the folders' modification times (the safety net). */
  rescanMs?: number;
  /** How long to wait for more file events before applying a batch. */
  debounceMs?: number;
  /** Where each new problem is reported once. */
  log?: (line: string) => void;
  watch?: boolean;
  /** Records written per transaction while many files are read in a row. */
  batchSize?: number;
  /** The most a slice of the sweep takes, with each re-scan (SWEEP_SLICE_MS). */
  sweepSliceMs?: number;
}

/**
 * The sweep (a stat of every article file, for edits in place whose file event was lost) goes a
 * slice at a time, one slice of at most SWEEP_SLICE_MS with each re-scan of the folders (every
 * 5 s): 0.2 % of a core at most, spread evenly, whatever the archive's size; a whole pass takes
 * as long as the archive needs (5 µs a file: 45 minutes or so for a million), and a new pass starts
 * SWEEP_MIN_MS after the last began at the soonest. Added and removed files change their folder's
 * modification time, which each re-scan checks at the cost of one stat per folder. Before, the
 * whole sweep ran at once, spaced to average 0.5 % of a core: a 100,000-article archive's sweep
 * (some 0.3 s of CPU) came every minute, and the half-minute that held one put the indexer at
 * 1.10 % of a core (bench:scale, 2 December). Sliced, the same indexer took 0.83-0.85 % over a
 * minute, its slices 0.14 % of it (a CPU profile).
 */
const SWEEP_SLICE_MS = 10;
/** A new pass of the sweep starts no sooner than this after the last began. */
const SWEEP_MIN_MS = 60_000;
/** Files stat'ed between two looks at the clock in a slice of the sweep. */
const SWEEP_CLOCK_EVERY = 64;
/** File events are applied at least this often while they keep coming (a large copy in progress). */
const MAX_DEBOUNCE_MS = 1000;
/** Files read at once when a few are read in a row on this thread. */
const READ_AHEAD = 16;
/** Files stat'ed between two turns of the event loop. */
const STAT_SLICE = 500;
/** How often the content folder itself is checked for being replaced (see LiveContent's history). */
const ROOT_CHECK_MS = 1000;
/** How often the writer looks for re-reads other processes asked for (the `requests` table). */
const REQUESTS_MS = 500;

/**
 * The one writer of an index database: reads the content folder into it, then keeps it current
 * from file events, a check of folder modification times every few seconds, and a slow sweep of
 * every file's stamp. The Markdown files stay the truth: the database can be deleted at any time
 * and is rebuilt from them. An article that turns invalid (say, caught half-saved) keeps its last
 * good version until it is fixed or deleted.
 */
export class Indexer {
  private readonly writer: SqliteWriter;
  private readonly opts: Required<IndexerOptions>;
  private config!: SiteAndSections;
  private sources: SourceInfo[] = [];
  private sourceProblems: ContentProblem[] = [];
  private media = new Map<string, MediaInfo>();
  private readonly mediaCache: MediaCache = new Map();
  private stamps = { site: "", sections: "", sources: "", media: "" };
  private queue: Promise<void> = Promise.resolve();
  private pending = new Map<string, TreeChange>();
  private firstPending = 0;
  private debounce?: NodeJS.Timeout;
  private rescanTimer?: NodeJS.Timeout;
  /** CPU (µs) the safety net's checks have taken, and how many ran: what a newsroom's budget is about. */
  private net = { cpuMicros: 0, checks: 0 };
  private rootTimer?: NodeJS.Timeout;
  private requestsTimer?: NodeJS.Timeout;
  private watcher?: TreeWatcher;
  private closed = false;
  private realRoot = "";
  private rootId = "";
  private rootMissing = false;
  /** Folders under articles/ and their stamps, as the database's `dirs` table has them. */
  private dirs = new Map<string, string>();
  /** Where the sweep has got to: the folders of its pass, the current one's files as the database has them. */
  private sweepAt?: { dirs: string[]; dir: number; rows: { path: string; stamp: string }[]; row: number };
  private sweepStarted = -Infinity;
  /** Settles once every folder is watched. */
  watching: Promise<void> = Promise.resolve();

  private constructor(
    readonly root: string,
    private readonly db: Database.Database,
    options: IndexerOptions,
  ) {
    this.opts = {
      rescanMs: options.rescanMs ?? 5000,
      debounceMs: options.debounceMs ?? 100,
      log: options.log ?? ((line) => console.error(`[index] ${line}`)),
      watch: options.watch ?? true,
      batchSize: options.batchSize ?? 1000,
      sweepSliceMs: options.sweepSliceMs ?? SWEEP_SLICE_MS,
    };
    this.writer = new SqliteWriter(db, "UTC");
  }

  /** Brings the database up to the folder, then (with `watch`) keeps it current. */
  static async open(root: string, db: Database.Database, options: IndexerOptions = {}): Promise<Indexer> {
    const indexer = new Indexer(root, db, options);
    indexer.realRoot = await fs.realpath(root).catch(() => path.resolve(/* turbopackIgnore: true */ root));
    indexer.rootId = await folderId(root);
    indexer.dirs = new Map((db.prepare("SELECT path, mtime FROM dirs").all() as { path: string; mtime: string }[]).map((d) => [d.path, d.mtime]));
    // The photos as the database knows them: a restart compares the media folder with these, so
    // that only photos changed meanwhile send their articles to be read again (against an empty
    // map, every photo looked new and a restart re-read three articles in four).
    for (const m of db.prepare("SELECT path, width, height FROM media").all() as { path: string; width: number; height: number }[])
      indexer.media.set(m.path, { width: m.width, height: m.height });
    await indexer.enqueue(() => indexer.syncAll());
    if (indexer.opts.watch) indexer.watching = indexer.startWatching();
    return indexer;
  }

  /** Re-reads the named files (paths inside the content folder), or compares everything when none are named. */
  refresh(paths?: string[]): Promise<void> {
    return this.enqueue(() => (paths && paths.length > 0 ? this.applyChanges(paths.map((p) => ({ path: p, folder: false }))) : this.syncAll()));
  }

  /**
   * The safety net now: folder stamps, and with `sweep` every file's stamp too, or with "slice"
   * the sweep's next slice, as the re-scans of a watching indexer take it.
   */
  rescan({ sweep = false }: { sweep?: boolean | "slice" } = {}): Promise<void> {
    return this.enqueue(() => this.rescanNow(sweep === "slice" ? "slice" : sweep ? "whole" : "none"));
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    for (const t of [this.rescanTimer, this.debounce]) if (t) clearTimeout(t);
    if (this.rootTimer) clearInterval(this.rootTimer);
    if (this.requestsTimer) clearInterval(this.requestsTimer);
  }

  /** Settles when every change asked for so far is written. */
  idle(): Promise<void> {
    return this.enqueue(async () => {});
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job, job);
    // A failed job must not stop later ones; it is logged and the database keeps what it had.
    this.queue = run.catch((err) => this.opts.log(`update failed: ${(err as Error).stack ?? err}`));
    return run;
  }

  private get parseContext(): ParseContext {
    return { root: this.root, sectionBySlug: new Map(this.config.sections.map((s) => [s.slug, s])), media: this.media };
  }

  // ---- configuration, partners, media ----

  /**
   * What every article's validity and derived fields depend on: the sections, the site's zone
   * (months), the media. When it changes, every article is read again (`fresh`).
   */
  private configKey(): string {
    return createHash("sha1")
      .update(JSON.stringify([this.config.sections, this.config.site.timeZone]))
      .digest("hex");
  }

  private async readConfig() {
    this.config = await readSiteAndSections(this.root);
    this.writer.setTimeZone(this.config.site.timeZone);
    const [site = "", sections = ""] = await Promise.all(
      ["site.json", "sections.json"].map((f) => stampOf(path.join(/* turbopackIgnore: true */ this.root, f))),
    );
    this.stamps.site = site;
    this.stamps.sections = sections;
    await this.readSourcesFile();
  }

  private async readSourcesFile() {
    this.stamps.sources = await stampOf(path.join(this.root, SOURCES_FILE));
    const { sources, problems } = await readSources(this.root, this.config.sections);
    this.sources = sources;
    this.sourceProblems = problems;
  }

  private writeCatalog() {
    const catalog = { site: this.config.site, sections: this.config.sections, sources: this.sources };
    const problems = [...this.config.problems, ...this.sourceProblems];
    const json = JSON.stringify([catalog, problems]);
    if (readMeta(this.db, "catalog_source") === json) return;
    this.writer.setCatalog(catalog, problems);
    writeMeta(this.db, "catalog_source", json);
    this.report(problems);
  }

  /** Re-reads media; returns the images that changed (added, resized or removed). */
  private async readMediaFolder(): Promise<Set<string>> {
    const problems: ContentProblem[] = [];
    const media = await readMedia(this.root, problems, this.mediaCache);
    this.stamps.media = await this.mediaStamp();
    const changed = new Set<string>();
    for (const [key, size] of media) {
      const old = this.media.get(key);
      if (!old || old.width !== size.width || old.height !== size.height) changed.add(key);
    }
    for (const key of this.media.keys()) if (!media.has(key)) changed.add(key);
    this.media = media;
    const known = this.db.prepare("SELECT count(*) FROM media").pluck().get() as number;
    if (changed.size > 0 || known !== media.size || readMeta(this.db, "media_problems") !== JSON.stringify(problems)) {
      this.writer.setMedia(media, problems);
      this.report(problems);
    }
    return changed;
  }

  /** Articles to read again after media changed: those showing a changed image, and those that lacked one. */
  private filesUsingMedia(changed: Set<string>): string[] {
    const out = new Set<string>();
    const byImage = this.db.prepare("SELECT file FROM articles WHERE image = ?").pluck();
    for (const image of changed) for (const file of byImage.all(image) as string[]) out.add(file);
    for (const file of this.db.prepare(`SELECT path FROM files WHERE problems LIKE '%"field":"image%'`).pluck().all() as string[]) out.add(file);
    return [...out];
  }

  // ---- whole-folder comparison ----

  /**
   * Compares the whole folder with the database: every folder's listing and every file's stamp.
   * Run at start, when sections.json or the folder itself changes, and by `refresh()`.
   */
  private async syncAll() {
    await this.compareAll();
  }

  private async compareAll() {
    if (!(await this.folderReadable())) return;
    await this.resolveRoot();
    await this.readConfig();
    const key = this.configKey();
    const fresh = readMeta(this.db, "config_key") !== key && this.dirs.size > 0;
    this.writeCatalog();
    const mediaChanged = await this.readMediaFolder();
    const problems: ContentProblem[] = [];
    const seen = new Set<string>();
    const stale: string[] = [];
    const removed: string[] = [];
    const visited = new Map<string, string>();
    const stampsOf = this.db.prepare("SELECT path, stamp FROM files WHERE dir = ?");
    for (const todo = ["articles"]; todo.length > 0;) {
      const dir = todo.shift()!;
      const folder = await readFolder(this.root, this.realRoot, dir, problems, seen);
      if (!folder) continue;
      visited.set(dir, folder.mtime);
      todo.push(...folder.dirs);
      const known = new Map((stampsOf.all(dir) as { path: string; stamp: string }[]).map((r) => [r.path, r.stamp]));
      for (let i = 0; i < folder.files.length; i += STAT_SLICE) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        for (const rel of folder.files.slice(i, i + STAT_SLICE)) {
          if (fresh || known.get(rel) !== stampOfSync(fullPath(this.root, rel))) stale.push(rel);
          known.delete(rel);
        }
      }
      removed.push(...known.keys());
    }
    for (const dir of this.dirs.keys()) if (!visited.has(dir)) removed.push(...this.filesIn(dir));
    // A file both stale and using a changed image is read once.
    const extra = mediaChanged.size > 0 ? this.filesUsingMedia(mediaChanged).filter((f) => !stale.includes(f) && !removed.includes(f)) : [];
    this.writer.setListingProblems(problems);
    this.report(problems);
    await this.read([...stale, ...extra], { fresh: fresh || extra.length > 0, removed });
    this.saveDirs(visited);
    writeMeta(this.db, "config_key", key);
  }

  private filesIn(dir: string): string[] {
    return this.db.prepare("SELECT path FROM files WHERE dir = ?").pluck().all(dir) as string[];
  }

  private saveDirs(dirs: Map<string, string>) {
    this.db.transaction(() => {
      const del = this.db.prepare("DELETE FROM dirs WHERE path = ?");
      for (const dir of this.dirs.keys()) if (!dirs.has(dir)) del.run(dir);
      const put = this.db.prepare("INSERT INTO dirs (path, mtime) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET mtime = excluded.mtime");
      for (const [dir, mtime] of dirs) if (this.dirs.get(dir) !== mtime) put.run(dir, mtime);
    })();
    this.dirs = dirs;
  }

  // ---- reading files ----

  /**
   * Reads the files and writes what they hold, with the removals, in batches; a large batch is
   * parsed on worker threads while this thread writes. Files that take over a slug from a removed
   * one are read too (the writer asks for them).
   */
  private async read(files: string[], { fresh = false, removed = [] as string[] } = {}) {
    const large = files.length >= PARALLEL_FROM;
    // Filling an empty database: readers have nothing to list yet, so their indexes wait.
    const bulk = large && (this.db.prepare("SELECT count(*) FROM articles").pluck().get() as number) === 0;
    if (large) writeMeta(this.db, "building", "1");
    if (bulk) {
      dropReaderIndexes(this.db);
      // A crash while filling an empty database loses only what can be read again.
      this.db.exec("PRAGMA synchronous = OFF");
    }
    const started = performance.now();
    let pending: FileRecord[] = [];
    let reread: string[] = [];
    let written = 0;
    let gone = [...removed];
    const flush = () => {
      if (pending.length === 0 && gone.length === 0) return;
      this.reportRecords(pending);
      if (bulk && gone.length === 0) this.writer.bulkApply(pending);
      else reread.push(...this.writer.apply(pending, gone));
      written += pending.length;
      pending = [];
      gone = [];
    };
    const take = (records: FileRecord[]) => {
      pending.push(...records);
      if (pending.length >= this.opts.batchSize) flush();
    };
    try {
      if (large) {
        const ctx = { root: this.root, sections: this.config.sections, media: this.media, fresh };
        gone.push(...(await parseOnThreads(files, ctx, take)));
      } else {
        const ctx = this.parseContext;
        for (let i = 0; i < files.length; i += READ_AHEAD) {
          const slice = files.slice(i, i + READ_AHEAD);
          const records = await Promise.all(slice.map((rel) => this.parseInside(rel, ctx, fresh)));
          records.forEach((r, k) => (r ? pending.push(r) : gone.push(slice[k]!)));
          if (pending.length >= this.opts.batchSize) flush();
        }
      }
      flush();
      if (bulk) reread.push(...this.writer.settleDuplicates());
      // A file that now holds a slug another file gave up is read for its search terms.
      for (let round = 0; reread.length > 0 && round < 3; round++) {
        const again = reread;
        reread = [];
        const ctx = this.parseContext;
        for (const rel of again) {
          const r = await this.parseInside(rel, ctx, false);
          if (r) pending.push(r);
          else gone.push(rel);
        }
        flush();
      }
    } finally {
      if (bulk) {
        restoreReaderIndexes(this.db);
        this.db.exec("PRAGMA synchronous = NORMAL");
      }
      if (large) {
        writeMeta(this.db, "building", "0");
        this.opts.log(`indexed ${written} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }
  }

  /** Parses a file named by an event, unless a symbolic link on the way leads outside the folder. */
  private async parseInside(rel: string, ctx: ParseContext, fresh: boolean): Promise<FileRecord | undefined> {
    if (!(await insideRoot(this.realRoot, fullPath(this.root, rel)))) return undefined;
    return parseFile(rel, ctx, fresh);
  }

  // ---- file events ----

  private async startWatching() {
    await this.watchTree();
    // The comparison at start stat'ed every file, as a pass of the sweep does.
    this.sweepStarted = performance.now();
    this.scheduleRescan();
    this.rootTimer = setInterval(() => void this.checkRoot(), ROOT_CHECK_MS);
    this.rootTimer.unref();
    this.requestsTimer = setInterval(() => void this.takeRequests(), REQUESTS_MS);
    this.requestsTimer.unref();
  }

  /** Re-reads other processes asked for: done in turn, then marked done for the asker to see. */
  private async takeRequests() {
    const pending = this.db.prepare("SELECT id, paths FROM requests WHERE done = 0 ORDER BY id").all() as { id: number; paths: string }[];
    if (pending.length === 0 || this.closed) return;
    const paths = pending.map((r) => JSON.parse(r.paths) as string[]);
    // An empty list asks for everything.
    await this.refresh(paths.some((p) => p.length === 0) ? undefined : paths.flat());
    const done = this.db.prepare("UPDATE requests SET done = 1 WHERE id = ?");
    this.db.transaction(() => {
      for (const r of pending) done.run(r.id);
      this.db.prepare("DELETE FROM requests WHERE done = 1 AND id < ?").run(pending[0]!.id - 100);
    })();
  }

  private async watchTree() {
    const watcher = new TreeWatcher(
      this.root,
      (change) => {
        this.pending.set(change.path, change);
        if (this.debounce) clearTimeout(this.debounce);
        // A copy of thousands of files sends events for seconds: apply them as they come, at least
        // once a second, instead of waiting for the last one.
        this.firstPending ||= Date.now();
        const wait = Math.max(0, Math.min(this.opts.debounceMs, this.firstPending + MAX_DEBOUNCE_MS - Date.now()));
        this.debounce = setTimeout(() => {
          const batch = [...this.pending.values()];
          this.pending.clear();
          this.firstPending = 0;
          void this.enqueue(() => this.applyChanges(batch));
        }, wait);
      },
      (message) => this.opts.log(`${message}; re-scans continue`),
    );
    this.watcher = watcher;
    await watcher.start();
  }

  /**
   * Applies a batch of file events with the least work each needs: sections.json (or the folder
   * itself) compares everything; site.json, sources.json and media re-read only themselves and
   * the articles that use them; article files are read one by one.
   */
  private async applyChanges(changes: TreeChange[]) {
    if (!(await this.folderReadable())) return;
    await this.resolveRoot();
    const paths = changes.map((c) => c.path);
    if (paths.includes("sections.json") || paths.some((p) => p === "" || p === "articles" || p === "media")) return this.syncAll();
    if (paths.includes("site.json") || paths.includes(SOURCES_FILE)) {
      await this.readConfig();
      if (readMeta(this.db, "config_key") !== this.configKey()) return this.syncAll();
      this.writeCatalog();
    }
    if (paths.some((p) => p.startsWith("media/"))) {
      const changed = await this.readMediaFolder();
      if (changed.size > 0) await this.read(this.filesUsingMedia(changed), { fresh: true });
    }
    // A folder created, moved or removed under articles/ is seen as the folder only.
    if (changes.some((c) => c.folder && c.path.startsWith("articles/"))) await this.rescanFolders();
    const articles = paths.filter((rel) => rel.startsWith("articles/") && rel.toLowerCase().endsWith(".md") && !path.posix.basename(rel).startsWith("."));
    if (articles.length > 0) await this.read(articles);
  }

  // ---- the safety net ----

  private scheduleRescan() {
    if (this.closed) return;
    this.rescanTimer = setTimeout(() => void this.rescan({ sweep: "slice" }).finally(() => this.scheduleRescan()), this.opts.rescanMs);
    this.rescanTimer.unref();
  }

  /** The safety net's own cost so far (CPU ms over its checks), for /healthz and bench:scale. */
  safetyNet(): { cpuMs: number; checks: number } {
    return { cpuMs: this.net.cpuMicros / 1000, checks: this.net.checks };
  }

  /** `sweep`: the whole sweep at once (asked for), a slice of it (the timer's re-scans), or none. */
  private async rescanNow(sweep: "whole" | "slice" | "none") {
    // The process's CPU across the check: at rest nothing else runs meanwhile; under load this
    // counts some request work too (an upper bound).
    const started = process.cpuUsage();
    try {
      await this.rescanChecks(sweep);
    } finally {
      const used = process.cpuUsage(started);
      this.net.cpuMicros += used.user + used.system;
      this.net.checks++;
    }
  }

  private async rescanChecks(sweep: "whole" | "slice" | "none") {
    if (!(await this.folderReadable())) return;
    await this.resolveRoot();
    const [site, sections, sources] = await Promise.all(
      ["site.json", "sections.json", SOURCES_FILE].map((f) => stampOf(path.join(/* turbopackIgnore: true */ this.root, f))),
    );
    if (sections !== this.stamps.sections || site !== this.stamps.site || sources !== this.stamps.sources) {
      await this.readConfig();
      if (readMeta(this.db, "config_key") !== this.configKey()) return this.syncAll();
      this.writeCatalog();
    }
    if ((await this.mediaStamp()) !== this.stamps.media) {
      const changed = await this.readMediaFolder();
      if (changed.size > 0) await this.read(this.filesUsingMedia(changed), { fresh: true });
    }
    await this.rescanFolders();
    if (sweep === "whole") await this.sweep(Infinity, true);
    else if (sweep === "slice") await this.sweep(this.opts.sweepSliceMs);
  }

  /** Folders whose modification time changed are listed again, and only they. */
  private async rescanFolders() {
    const changed: string[] = [];
    for (const [dir, mtime] of this.dirs) if (folderStampSync(fullPath(this.root, dir)) !== mtime) changed.push(dir);
    const top = folderStampSync(fullPath(this.root, "articles"));
    if (!this.dirs.has("articles") && top !== "missing") changed.push("articles");
    if (changed.length === 0) return;
    const dirs = new Map(this.dirs);
    const problems: ContentProblem[] = [];
    const stale: string[] = [];
    const removed: string[] = [];
    const seen = new Set<string>();
    const stampsOf = this.db.prepare("SELECT path, stamp FROM files WHERE dir = ?");
    for (const todo = changed; todo.length > 0;) {
      const dir = todo.shift()!;
      const folder = await readFolder(this.root, this.realRoot, dir, problems, seen);
      if (!folder) {
        // Gone, with everything below it.
        for (const d of [...dirs.keys()]) {
          if (d === dir || d.startsWith(`${dir}/`)) {
            removed.push(...this.filesIn(d));
            dirs.delete(d);
          }
        }
        continue;
      }
      dirs.set(dir, folder.mtime);
      for (const sub of folder.dirs) if (!dirs.has(sub)) todo.push(sub);
      const known = new Map((stampsOf.all(dir) as { path: string; stamp: string }[]).map((r) => [r.path, r.stamp]));
      for (const rel of folder.files) {
        if (known.get(rel) !== stampOfSync(fullPath(this.root, rel))) stale.push(rel);
        known.delete(rel);
      }
      removed.push(...known.keys());
      // A sub-folder that went away takes its files with it.
      for (const d of [...dirs.keys()]) {
        if (dirOf(d) === dir && !folder.dirs.includes(d)) {
          for (const gone of [...dirs.keys()]) {
            if (gone !== d && !gone.startsWith(`${d}/`)) continue;
            removed.push(...this.filesIn(gone));
            dirs.delete(gone);
          }
        }
      }
    }
    this.report(problems);
    await this.read(stale, { removed });
    this.saveDirs(dirs);
  }

  /**
   * The sweep: every file's stamp against the database's, which catches edits in place whose file
   * event was lost. A slice goes on from where the last one stopped, for at most `budgetMs`; a pass
   * ends with the last folder it set out with, and the next starts SWEEP_MIN_MS after it began at
   * the soonest, with the folders known then. `whole` (asked for) starts a pass now and runs it to
   * its end.
   */
  private async sweep(budgetMs: number, whole = false) {
    const deadline = performance.now() + budgetMs;
    const stale: string[] = [];
    const stampsOf = this.db.prepare("SELECT path, stamp FROM files WHERE dir = ?");
    if (whole) this.sweepAt = undefined;
    let at = this.sweepAt;
    if (!at) {
      if (!whole && performance.now() - this.sweepStarted < SWEEP_MIN_MS) return;
      this.sweepStarted = performance.now();
      at = this.sweepAt = { dirs: [...this.dirs.keys()], dir: -1, rows: [], row: 0 };
    }
    for (let n = 1; ; n++) {
      if (at.row >= at.rows.length) {
        if (++at.dir >= at.dirs.length) {
          this.sweepAt = undefined;
          break;
        }
        at.rows = stampsOf.all(at.dirs[at.dir]) as { path: string; stamp: string }[];
        at.row = 0;
        continue;
      }
      const r = at.rows[at.row++]!;
      const now = stampOfSync(fullPath(this.root, r.path));
      // A file re-read since its folder's rows were taken looks stale here: read once more, harmless.
      if (now !== r.stamp && now !== "missing") stale.push(r.path);
      if (n % SWEEP_CLOCK_EVERY === 0) {
        if (performance.now() >= deadline) break;
        // A server that indexes its own folder answers requests between: the clock runs on
        // meanwhile, so a busy server sweeps less in a slice.
        if (n % (SWEEP_CLOCK_EVERY * 8) === 0) await new Promise((r) => setImmediate(r));
      }
    }
    if (stale.length > 0) await this.read(stale);
  }

  // ---- the folder itself ----

  /**
   * Follows the content folder when it is replaced: the watchers move to the new folder and it is
   * compared anew. While it is missing, the database keeps what it had and the site serves it.
   */
  private async checkRoot() {
    if (this.closed) return;
    const id = await folderId(this.root);
    if (id === "missing") {
      if (!this.rootMissing) this.opts.log(`${this.root}: folder: is missing; serving the last content read until it is back`);
      this.rootMissing = true;
      return;
    }
    if (id === this.rootId && !this.rootMissing) return;
    const replaced = id !== this.rootId;
    this.rootMissing = false;
    this.rootId = id;
    if (!replaced) return;
    this.opts.log(`${this.root}: folder: was replaced; reading it anew`);
    this.watcher?.close();
    this.realRoot = await fs.realpath(this.root).catch(() => this.realRoot);
    await this.watchTree();
    await this.enqueue(() => this.syncAll());
  }

  /**
   * The content folder's real path, looked up again before each piece of work: a symbolic link
   * switched to another release changes it up to a second before checkRoot notices, and the file
   * events of the old release (deleted) come meanwhile. Checked against the old path, every file
   * of the new release would look like a link to outside the folder, and be dropped from the index.
   */
  private async resolveRoot() {
    this.realRoot = await fs.realpath(this.root).catch(() => this.realRoot);
  }

  /**
   * Whether the content folder is there to be read. While it is missing (removed, or renamed away
   * before its replacement is renamed in) or has lost its articles/ folder, the database keeps what
   * it has: an empty site for the length of a deploy would answer 404 to every reader.
   */
  private async folderReadable(): Promise<boolean> {
    if ((await folderId(this.root)) === "missing") return false;
    if (this.dirs.size > 0 && (await folderId(path.join(this.root, "articles"))) === "missing") {
      this.opts.log(`${this.root}: articles: folder is missing; serving the last content read until it is back`);
      return false;
    }
    return true;
  }

  private async mediaStamp(): Promise<string> {
    const files = await walk(this.root, path.join(this.root, "media"), (n) => IMAGE_EXTENSIONS.has(path.extname(n).toLowerCase()), []);
    const rels = files.map((f) => toPosix(path.relative(this.root, f))).sort();
    const stamps = await Promise.all(rels.map(async (f) => `${f}:${await stampOf(path.join(this.root, f))}`));
    return createHash("sha1").update(stamps.join("|")).digest("hex");
  }

  // ---- problems ----

  /** Logs the problems of files whose problems changed since they were last written. */
  private reportRecords(records: FileRecord[]) {
    const before = this.db.prepare("SELECT problems FROM files WHERE path = ?").pluck();
    for (const r of records) {
      if (r.problems.length === 0) continue;
      const now = JSON.stringify(r.problems);
      if (before.get(r.path) !== now) for (const p of r.problems) this.opts.log(formatProblem(p));
    }
  }

  private reported = new Set<string>();

  /** Logs problems of the configuration and listing once while they last. */
  private report(problems: ContentProblem[]) {
    for (const p of problems) {
      const line = formatProblem(p);
      if (!this.reported.has(line)) this.opts.log(line);
      this.reported.add(line);
    }
    if (this.reported.size > 10_000) this.reported.clear();
  }
}

/**
 * What a folder is, through symbolic links: its real path, device, inode and birth time; "missing"
 * when there is none. The inode alone is not enough: a folder removed frees its inode, and the
 * next one made (the replacement, often) gets it again.
 */
async function folderId(dir: string): Promise<string> {
  try {
    const [real, s] = await Promise.all([fs.realpath(dir), fs.stat(dir)]);
    return s.isDirectory() ? `${real}|${s.dev}:${s.ino}:${s.birthtimeMs}` : "missing";
  } catch {
    return "missing";
  }
}

async function stampOf(full: string): Promise<string> {
  try {
    const s = await fs.stat(full);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return "missing";
  }
}

/** Whether the file, symbolic links resolved, is inside the (already resolved) content folder. */
async function insideRoot(realRoot: string, full: string): Promise<boolean> {
  try {
    return (await fs.realpath(full)).startsWith(realRoot + path.sep);
  } catch {
    return true; // a missing file is dealt with by the reader
  }
}
